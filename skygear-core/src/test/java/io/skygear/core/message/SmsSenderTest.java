package io.skygear.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skygear.core.config.NexmoConfig;
import io.skygear.core.config.TwilioConfig;
import io.skygear.testing.TestServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SMS in the Twilio and Nexmo request formats, against a local server that answers as they do. */
class SmsSenderTest {

    /** A request as the provider saw it. */
    record Seen(String path, String authorization, String body) {
    }

    static final List<Seen> seen = new CopyOnWriteArrayList<>();
    static volatile int status = 200;
    static volatile String answer = "";
    static TestServer server;
    static SmsSender sender;

    @BeforeAll
    static void start() {
        server = new TestServer().servlet(new HttpServlet() {
            @Override
            protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
                seen.add(new Seen(request.getRequestURI(), request.getHeader("Authorization"),
                        new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8)));
                response.setStatus(status);
                response.setContentType("application/json");
                response.getWriter().write(answer);
            }
        }, "/*").start();
        sender = SmsSender.builder().twilioEndpoint(server.uri("/")).nexmoEndpoint(server.uri("/"))
                .twilioDefaults(new TwilioConfig("ACdefault", "default-token", "+15000000000")).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        seen.clear();
    }

    @Test
    void twilioGetsBasicAuthAndTheFormFields() {
        respond(201, "{\"sid\":\"SM1\"}");

        sender.send(new TwilioConfig("AC1", "token", "+15005550006"), null, new SmsMessage("+85223456789", "Code: 123 & more"));

        assertThat(seen).singleElement().satisfies(s -> {
            assertThat(s.path()).isEqualTo("/2010-04-01/Accounts/AC1/Messages.json");
            assertThat(s.authorization()).isEqualTo("Basic QUMxOnRva2Vu");
            assertThat(s.body()).isEqualTo("From=%2B15005550006&To=%2B85223456789&Body=Code%3A+123+%26+more");
        });
    }

    @Test
    void nexmoIsPreferredAndItsStatusIsChecked() {
        respond(200, "{\"message-count\":\"1\",\"messages\":[{\"status\":\"0\"}]}");
        sender.send(new TwilioConfig("AC1", "token", "+1"), new NexmoConfig("key", "secret", "Skygear"),
                new SmsMessage("+85223456789", "hi"));
        assertThat(seen).singleElement().satisfies(s -> {
            assertThat(s.path()).isEqualTo("/sms/json");
            assertThat(s.body()).contains("api_key=key", "api_secret=secret", "from=Skygear", "to=%2B85223456789", "text=hi");
        });

        respond(200, "{\"message-count\":\"1\",\"messages\":[{\"status\":\"6\",\"error-text\":\"Unroutable\"}]}");
        assertThatThrownBy(() -> sender.send(null, new NexmoConfig("key", "secret", "S"), new SmsMessage("+85223456789", "hi")))
                .isInstanceOfSatisfying(MessageException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e).hasMessageContaining("Unroutable").hasMessageNotContaining("secret");
                });
    }

    @Test
    void serverErrorsAreRetryableAndRefusalsAreNot() {
        respond(503, "{}");
        assertThatThrownBy(() -> sender.send(new TwilioConfig("AC1", "token", "+1"), null, new SmsMessage("+85223456789", "hi")))
                .isInstanceOfSatisfying(MessageException.class, e -> assertThat(e.retryable()).isTrue());
        respond(400, "{\"code\":21211,\"message\":\"The 'To' number is not valid.\"}");
        assertThatThrownBy(() -> sender.send(new TwilioConfig("AC1", "token", "+1"), null, new SmsMessage("+85223456789", "hi")))
                .isInstanceOfSatisfying(MessageException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e).hasMessageContaining("not valid");
                });
    }

    @Test
    void tenantsWithoutProviderUseTheHostDefaultsAndNoneAtAllIsAnError() {
        respond(201, "{}");
        sender.send(new TwilioConfig("", "", ""), null, new SmsMessage("+85223456789", "hi"));
        assertThat(seen).singleElement().satisfies(s -> assertThat(s.path()).isEqualTo("/2010-04-01/Accounts/ACdefault/Messages.json"));

        SmsSender none = SmsSender.builder().build();
        assertThatThrownBy(() -> none.send(null, null, new SmsMessage("+85223456789", "hi")))
                .isInstanceOfSatisfying(MessageException.class, e -> {
                    assertThat(e).hasMessage("sms: no available SMS client");
                    assertThat(e.retryable()).isFalse();
                });
    }

    private static void respond(int code, String body) {
        status = code;
        answer = body;
    }
}
