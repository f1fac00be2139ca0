package io.skygear.assets.internal.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skygear.assets.internal.signing.HttpSigner.SignedRequest;
import io.skygear.core.error.SkygearException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The original's URL signing, checked against the platform reference's vectors (§5.2 #15). */
class HttpSignerTest {

    static final Instant DATE = Instant.parse("2019-10-11T03:04:05Z");

    @Test
    void signsTheReferenceVectorWithGoQueryEscaping() {
        String query = HttpSigner.sign("secret", new SignedRequest("GET", "example.com", "/", Map.of()), DATE, 5);

        assertThat(query).isEqualTo("x-skygear-algorithm=HMAC-SHA256&x-skygear-date=2019-10-11T03%3A04%3A05Z"
                + "&x-skygear-expires=5"
                + "&x-skygear-signature=c396b21ff5a373a00fd8dc2570813fc092a8e53e8d9e38c44ab15fd965917040"
                + "&x-skygear-signedheaders=host");
    }

    @Test
    void signsTheAssetUrlVector() {
        String query = HttpSigner.sign("assetsecret", new SignedRequest("GET", "myapp.example.com",
                "/_asset/get/myimage.png", Map.of()), Instant.parse("2019-11-29T00:00:00Z"), 3600);

        assertThat(QueryString.parse(query).get(HttpSigner.SIGNATURE))
                .containsExactly("5d96d2273d0585b3bb38071acbe48f78f43d83dcbc8b5906d3f98af52a7c7129");
    }

    @Test
    void verifiesUntilTheExpiryAndNotAfter() {
        SignedRequest signed = signedRequest("secret", 5);

        HttpSigner.verify("secret", signed, DATE);
        HttpSigner.verify("secret", signed, DATE.plusSeconds(5));
        assertThatThrownBy(() -> HttpSigner.verify("secret", signed, Instant.parse("2019-10-11T03:04:11Z")))
                .isInstanceOfSatisfying(SkygearException.class, e -> {
                    assertThat(e.reason()).isEqualTo("ExpiredSignature");
                    assertThat(e.getMessage()).isEqualTo("expired signature");
                    assertThat(e.status()).isEqualTo(400);
                });
    }

    @Test
    void alteredParameterOrKeyIsAnInvalidSignature() {
        SignedRequest signed = signedRequest("secret", 5);
        Map<String, List<String>> altered = new LinkedHashMap<>(signed.query());
        altered.put(HttpSigner.ALGORITHM, List.of("HMAC-SHA1"));

        assertThatThrownBy(() -> HttpSigner.verify("secret",
                new SignedRequest("GET", "example.com", "/", altered), DATE))
                .hasFieldOrPropertyWithValue("reason", "InvalidSignature");
        assertThatThrownBy(() -> HttpSigner.verify("other", signed, DATE))
                .hasFieldOrPropertyWithValue("reason", "InvalidSignature");
        assertThatThrownBy(() -> HttpSigner.verify("secret",
                new SignedRequest("GET", "other.example.com", "/", signed.query()), DATE))
                .hasFieldOrPropertyWithValue("reason", "InvalidSignature");
    }

    @Test
    void headVerifiesAsGetButPutDoesNot() {
        SignedRequest signed = signedRequest("secret", 5);

        HttpSigner.verify("secret", new SignedRequest("HEAD", "example.com", "/", signed.query()), DATE);
        assertThatThrownBy(() -> HttpSigner.verify("secret",
                new SignedRequest("PUT", "example.com", "/", signed.query()), DATE))
                .hasFieldOrPropertyWithValue("reason", "InvalidSignature");
    }

    @Test
    void malformedParametersAreNamed() {
        Map<String, List<String>> query = new LinkedHashMap<>(signedRequest("secret", 5).query());
        query.put(HttpSigner.SIGNATURE, List.of("zz"));
        assertThatThrownBy(() -> HttpSigner.verify("secret", new SignedRequest("GET", "example.com", "/", query), DATE))
                .hasFieldOrPropertyWithValue("reason", "InvalidSignatureQueryParam")
                .hasMessage("invalid x-skygear-signature");

        Map<String, List<String>> badDate = new LinkedHashMap<>(signedRequest("secret", 5).query());
        badDate.put(HttpSigner.DATE, List.of("yesterday"));
        assertThatThrownBy(() -> HttpSigner.verify("secret", new SignedRequest("GET", "example.com", "/", badDate), DATE))
                .hasMessage("invalid x-skygear-date");

        Map<String, List<String>> badExpires = new LinkedHashMap<>(signedRequest("secret", 5).query());
        badExpires.put(HttpSigner.EXPIRES, List.of("-1"));
        assertThatThrownBy(() -> HttpSigner.verify("secret",
                new SignedRequest("GET", "example.com", "/", badExpires), DATE))
                .hasMessage("invalid x-skygear-expires");
    }

    @Test
    void goEscapingDiffersFromUrlEncoderOnStarAndTilde() {
        assertThat(GoEscape.query("a b*~/:")).isEqualTo("a+b%2A~%2F%3A");
        assertThat(GoEscape.path("/_asset/get/a b*~:@")).isEqualTo("/_asset/get/a%20b%2A~:@");
        assertThat(QueryString.parse("a=b+c%2A&a=&d")).containsEntry("a", List.of("b c*", "")).containsEntry("d", List.of(""));
    }

    private static SignedRequest signedRequest(String key, long expires) {
        String query = HttpSigner.sign(key, new SignedRequest("GET", "example.com", "/", Map.of()), DATE, expires);
        return new SignedRequest("GET", "example.com", "/", QueryString.parse(query));
    }
}
