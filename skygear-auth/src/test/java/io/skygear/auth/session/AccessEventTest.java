package io.skygear.auth.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.auth.internal.session.AccessEvent;
import io.skygear.auth.internal.session.AccessEvent.Remote;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Access events: the client IP by the original's priority, and X-Skygear-Extra-Info decoding. */
class AccessEventTest {

    static final Instant NOW = Instant.parse("2019-06-01T00:00:00.123456Z");

    @Nested
    class ClientIp {

        @Test
        void xRealIpComesFirst() {
            assertThat(new Remote("10.0.0.1:5000", "192.0.2.1", "198.51.100.7", "for=203.0.113.9").ip())
                    .isEqualTo("198.51.100.7");
        }

        @Test
        void thenTheFirstXForwardedForEntry() {
            assertThat(new Remote("10.0.0.1:5000", " 192.0.2.1 , 10.1.1.1, 10.2.2.2", "", "for=203.0.113.9").ip())
                    .isEqualTo("192.0.2.1");
        }

        @Test
        void thenTheFirstForDirectiveOfForwarded() {
            assertThat(new Remote("10.0.0.1:5000", "", "", "proto=https; For=203.0.113.9;by=10.0.0.2, for=10.3.3.3").ip())
                    .isEqualTo("203.0.113.9");
        }

        @Test
        void thenThePeerAddress() {
            assertThat(new Remote("10.0.0.1:5000", "", "", "proto=https").ip()).isEqualTo("10.0.0.1");
            assertThat(new Remote("10.0.0.1", "", "", "").ip()).isEqualTo("10.0.0.1");
        }

        @Test
        void portsBracketsAndQuotesAreRemoved() {
            assertThat(new Remote("", "[::1]:20595, 10.0.0.1", "", "").ip()).isEqualTo("::1");
            assertThat(new Remote("[2001:db8::1]", "", "", "").ip()).isEqualTo("2001:db8::1");
            assertThat(new Remote("2001:db8::1", "", "", "").ip()).isEqualTo("2001:db8::1");
            assertThat(new Remote("", "", "", "for=\"[2001:db8:cafe::17]:4711\"").ip()).isEqualTo("2001:db8:cafe::17");
            assertThat(new Remote("", "", "192.0.2.60:80", "").ip()).isEqualTo("192.0.2.60");
        }

        @Test
        void noAddressAtAllIsEmpty() {
            assertThat(new Remote(null, null, null, null).ip()).isEmpty();
        }
    }

    @Nested
    class ExtraInfo {

        @Test
        void base64JsonObjectIsDecoded() {
            assertThat(AccessEvent.decodeExtraInfo(base64("{\"device_name\":\"Chris's iPhone\",\"n\":1}")))
                    .containsEntry("device_name", "Chris's iPhone")
                    .containsKey("n");
        }

        @Test
        void exactlyTheLimitIsAccepted() {
            String json = "{\"device_name\":\"" + "x".repeat(AccessEvent.MAX_EXTRA_INFO_BYTES - 18) + "\"}";
            assertThat(json.getBytes(StandardCharsets.UTF_8)).hasSize(AccessEvent.MAX_EXTRA_INFO_BYTES);

            assertThat(AccessEvent.decodeExtraInfo(base64(json))).containsKey("device_name");
        }

        @Test
        void anythingInvalidIsIgnored() {
            String tooLong = "{\"device_name\":\"" + "x".repeat(AccessEvent.MAX_EXTRA_INFO_BYTES - 17) + "\"}";
            for (String header : new String[] {
                    null, "", "   ", "not base64!", base64("not json"), base64("[1,2]"), base64("\"text\""),
                    base64("null"), base64("{\"a\":1} trailing"), base64("{\"a\":1,\"a\":2}"), base64(tooLong),
                    "A".repeat(100_000)}) {
                assertThat(AccessEvent.decodeExtraInfo(header)).as(String.valueOf(header)).isEmpty();
            }
        }

        @Test
        void whatTheDatabaseCannotStoreIsIgnored() {
            for (String json : new String[] {"{\"device_name\":\"\\u0000\"}", "{\"\\u0000\":1}",
                    "{\"a\":[{\"b\":\"x\\u0000\"}]}", "{\"n\":1e999999}", "{\"n\":[-1e-1001]}"}) {
                assertThat(AccessEvent.decodeExtraInfo(base64(json))).as(json).isEmpty();
            }
            assertThat(AccessEvent.decodeExtraInfo(base64("{\"n\":1e999}"))).containsKey("n");
        }

        @Test
        void deviceNameMustBeAString() {
            AccessEvent event = AccessEvent.capture(NOW, "", header("X-Skygear-Extra-Info", base64("{\"device_name\":7}")));

            assertThat(event.deviceName()).isEmpty();
        }
    }

    @Test
    void captureReadsTheHeaders() {
        Map<String, String> headers = Map.of(
                "X-Forwarded-For", "192.0.2.1",
                "X-Real-IP", "198.51.100.7",
                "Forwarded", "for=203.0.113.9",
                "User-Agent", "okhttp/3.12.1",
                "X-Skygear-Extra-Info", base64("{\"device_name\":\"Pixel\"}"));

        AccessEvent event = AccessEvent.capture(NOW, "10.0.0.1", headers::get);

        assertThat(event.time()).isEqualTo(NOW);
        assertThat(event.remote()).isEqualTo(new Remote("10.0.0.1", "192.0.2.1", "198.51.100.7", "for=203.0.113.9"));
        assertThat(event.userAgent()).isEqualTo("okhttp/3.12.1");
        assertThat(event.deviceName()).isEqualTo("Pixel");
    }

    @Test
    void longHeaderValuesAreCut() {
        AccessEvent event = AccessEvent.capture(NOW, "10.0.0.1", header("User-Agent", "u".repeat(10_000)));

        assertThat(event.userAgent()).hasSize(AccessEvent.MAX_FIELD_LENGTH);
    }

    @Test
    void storedJsonUsesTheOriginalsNamesAndRoundTrips() {
        AccessEvent event = new AccessEvent(NOW, new Remote("10.0.0.1", "", "198.51.100.7", ""), "curl/7.64.0",
                Map.of("device_name", "box"));

        Map<String, Object> json = event.toJson();

        assertThat(json).containsOnlyKeys("time", "remote", "user_agent", "extra");
        assertThat(json.get("time")).isEqualTo("2019-06-01T00:00:00.123456Z");
        assertThat(json.get("remote")).isEqualTo(Map.of("remote_addr", "10.0.0.1", "x_real_ip", "198.51.100.7"));
        assertThat(AccessEvent.fromJson(json)).isEqualTo(event);
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static java.util.function.Function<String, String> header(String name, String value) {
        return n -> n.equals(name) ? value : null;
    }
}
