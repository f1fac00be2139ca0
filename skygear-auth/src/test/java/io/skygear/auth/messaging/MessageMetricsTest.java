package io.skygear.auth.messaging;

import static io.skygear.auth.messaging.MessagingFixture.APP;
import static io.skygear.auth.messaging.MessagingFixture.uniqueEmail;
import static io.skygear.auth.messaging.MessagingFixture.uniquePhone;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.skygear.testing.MeterDocs;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code skygear.auth.messages} as the gear's worker sends to a real SMTP server (GreenMail) and a real
 * HTTP SMS provider that refuses once: counted by channel and result.
 */
class MessageMetricsTest {

    static MessagingFixture fx;

    @BeforeAll
    static void start() {
        fx = MessagingFixture.start();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    private static double messages(String channel, String result) {
        Counter c = fx.meters.find("skygear.auth.messages").tags("channel", channel, "result", result).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void theSignupEmailsAreCountedAsSent() {
        double sent = messages("email", "sent");
        String email = uniqueEmail("metrics");
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("email", email);

        fx.signup(APP, ids);
        // the welcome e-mail and the verification e-mail of the tenant
        assertThat(fx.awaitCount(2, "SELECT count(*) FROM app._auth_message_outbox WHERE recipient = ? AND status = 'sent'",
                email)).isEqualTo(2);

        assertThat(messages("email", "sent")).isEqualTo(sent + 2);
        MeterDocs.assertDocumented(fx.meters);
    }

    @Test
    void anSmsTheProviderRefusesOnceIsCountedAsRetriedThenSent() {
        double retried = messages("sms", "retried");
        double sent = messages("sms", "sent");
        String phone = uniquePhone();
        fx.sms.failNext(1, 503);
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("phone", phone);

        fx.signup(APP, ids);
        fx.awaitCount(1, "SELECT count(*) FROM app._auth_message_outbox WHERE recipient = ? AND status = 'pending' "
                + "AND attempts = 1", phone);
        fx.clock.advance(Duration.ofMinutes(11));
        try {
            fx.awaitCount(1, "SELECT count(*) FROM app._auth_message_outbox WHERE recipient = ? AND status = 'sent'", phone);
        } finally {
            fx.clock.set(MessagingFixture.T0);
        }

        assertThat(messages("sms", "retried")).isEqualTo(retried + 1);
        assertThat(messages("sms", "sent")).isEqualTo(sent + 1);
    }
}
