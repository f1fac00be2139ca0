package io.skygear.auth.messaging;

import static io.skygear.auth.messaging.MessagingFixture.APP;
import static io.skygear.auth.messaging.MessagingFixture.key;
import static io.skygear.auth.messaging.MessagingFixture.text;
import static io.skygear.auth.messaging.MessagingFixture.uniqueEmail;
import static io.skygear.auth.messaging.MessagingFixture.uniquePhone;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Messages of signup through the gear's own worker: the welcome e-mail to every address, an SMS the
 * provider refuses at first is retried after its backoff and sent once, and a failed signup sends nothing.
 */
class MessageDeliveryTest {

    static MessagingFixture fx;

    @BeforeAll
    static void start() {
        fx = MessagingFixture.start();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @Test
    void theWelcomeEmailGoesToEveryAddressWithDestinationAll() {
        String first = uniqueEmail("welcome");
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("email", first);
        fx.signup(APP, ids);

        var mail = fx.mailsTo(first, "Welcome!", 1);

        assertThat(mail).hasSize(1);
        assertThat(text(mail.getFirst())).contains("Hello " + first).contains("Welcome to msg.");
        assertThat(MessagingFixture.html(mail.getFirst())).contains("<p>Welcome to msg.</p>");
    }

    @Test
    void anSmsTheProviderRefusesIsRetriedAfterItsBackoffAndSentOnce() {
        String phone = uniquePhone();
        fx.sms.failNext(1, 503);
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("phone", phone);
        fx.signup(APP, ids);
        String row = "SELECT count(*) FROM app._auth_message_outbox WHERE recipient = ? AND status = 'pending' AND attempts = 1";
        assertThat(fx.awaitCount(1, row, phone)).isEqualTo(1);
        assertThat(fx.count("SELECT count(*) FROM app._auth_message_outbox WHERE recipient = ? AND last_error LIKE '%provider unavailable%'",
                phone)).isEqualTo(1);

        fx.clock.advance(Duration.ofMinutes(11));
        try {
            assertThat(fx.awaitCount(1, "SELECT count(*) FROM app._auth_message_outbox WHERE recipient = ? AND status = 'sent'",
                    phone)).isEqualTo(1);
        } finally {
            fx.clock.set(MessagingFixture.T0);
        }

        // two requests reached the provider: the refused one and the one that went through
        assertThat(fx.smsTo(phone, 2)).hasSize(2);
        assertThat(fx.count("SELECT attempts FROM app._auth_message_outbox WHERE recipient = ?", phone)).isEqualTo(2);
    }

    @Test
    void aSignupThatFailsSendsNothing() {
        String email = uniqueEmail("failed");
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("email", email);
        fx.signup(APP, ids);

        MessagingFixture.Reply duplicate = fx.post("/_auth/signup",
                "{\"login_ids\":[{\"key\":\"email\",\"value\":\"" + email + "\"}],\"password\":\"another-pw-1\"}", key(APP));

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(fx.awaitCount(2, "SELECT count(*) FROM app._auth_message_outbox WHERE recipient = ? AND status = 'sent'", email))
                .isEqualTo(2);
        assertThat(fx.count("SELECT count(*) FROM app._auth_message_outbox WHERE recipient = ?", email)).isEqualTo(2);
        assertThat(fx.mailsTo(email, 2)).hasSize(2);
    }
}
