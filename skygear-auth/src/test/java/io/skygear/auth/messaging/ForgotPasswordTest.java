package io.skygear.auth.messaging;

import static io.skygear.auth.messaging.MessagingFixture.APP;
import static io.skygear.auth.messaging.MessagingFixture.APP_HEADER;
import static io.skygear.auth.messaging.MessagingFixture.APP_REDIRECT;
import static io.skygear.auth.messaging.MessagingFixture.PASSWORD;
import static io.skygear.auth.messaging.MessagingFixture.key;
import static io.skygear.auth.messaging.MessagingFixture.link;
import static io.skygear.auth.messaging.MessagingFixture.query;
import static io.skygear.auth.messaging.MessagingFixture.text;
import static io.skygear.auth.messaging.MessagingFixture.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Forgot password end to end: the reset e-mail arrives over real SMTP, its link opens the HTML form
 * over HTTP, the form or the API resets the password; bad, expired, reused and foreign codes fail
 * with the documented errors.
 */
class ForgotPasswordTest {

    static MessagingFixture fx;

    @BeforeAll
    static void start() {
        fx = MessagingFixture.start();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    private static final String FORM = "/forgot_password/reset_password_form";

    @Test
    void theLinkInTheEmailOpensTheFormWhichResetsThePassword() {
        String email = uniqueEmail("form");
        String userId = fx.signup(APP, Map.of("email", email)).at("/user/id").asString();

        assertThat(fx.post("/_auth/forgot_password", "{\"email\":\"" + email + "\"}", key(APP)).json().get("result").isEmpty()).isTrue();
        MimeMessage mail = resetMail(email);
        String link = link(text(mail), FORM);
        // the HTML part escapes the link as an attribute value (& and = as entities)
        assertThat(MessagingFixture.html(mail)).contains("<a href=\"").contains("code&#61;" + query(link, "code") + "&amp;");

        MessagingFixture.Reply form = fx.get(link, APP_HEADER, APP);
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(form.body()).contains("name=\"password\"").contains("value=\"" + query(link, "code") + "\"");

        MessagingFixture.Reply done = fx.postForm(link.substring(0, link.indexOf('?')), fields(link, "new-pass-1", "new-pass-1"),
                APP_HEADER, APP);
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body()).contains("Your password has been reset.");
        assertThat(login(email, "new-pass-1")).isEqualTo(200);
        assertThat(login(email, PASSWORD)).isEqualTo(401);
        assertThat(fx.count("SELECT count(*) FROM app._auth_audit_trail WHERE app_id = ? AND event = 'reset_password' "
                + "AND user_id = ? AND data->>'type' = 'forgot_password'", APP, userId)).isEqualTo(1);
    }

    @Test
    void aLinkWorksOnlyOnce() {
        String email = uniqueEmail("once");
        fx.signup(APP, Map.of("email", email));
        fx.post("/_auth/forgot_password", "{\"email\":\"" + email + "\"}", key(APP));
        String link = link(text(resetMail(email)), FORM);
        String action = link.substring(0, link.indexOf('?'));
        assertThat(fx.postForm(action, fields(link, "new-pass-1", "new-pass-1"), APP_HEADER, APP).status()).isEqualTo(200);

        MessagingFixture.Reply again = fx.postForm(action, fields(link, "new-pass-2", "new-pass-2"), APP_HEADER, APP);

        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body()).contains("invalid reset code");
        assertThat(login(email, "new-pass-1")).isEqualTo(200);
        JsonNode api = fx.post("/_auth/forgot_password/reset_password", apiBody(link, "new-pass-3"), key(APP)).error();
        assertThat(api.get("reason").asString()).isEqualTo("PasswordResetFailed");
        assertThat(api.at("/info/cause/kind").asString()).isEqualTo("InvalidCode");
    }

    @Test
    void theApiResetsWithTheCodeAndRefusesWrongOrForeignCodes() {
        String ann = uniqueEmail("ann");
        String bob = uniqueEmail("bob");
        fx.signup(APP, Map.of("email", ann));
        String bobId = fx.signup(APP, Map.of("email", bob)).at("/user/id").asString();
        fx.post("/_auth/forgot_password", "{\"email\":\"" + ann + "\"}", key(APP));
        String annLink = link(text(resetMail(ann)), FORM);

        MessagingFixture.Reply wrong = fx.post("/_auth/forgot_password/reset_password",
                apiBody(annLink, "new-pass-1").replace(query(annLink, "code"), "abcabc"), key(APP));
        MessagingFixture.Reply foreign = fx.post("/_auth/forgot_password/reset_password",
                apiBody(annLink, "new-pass-1").replace(query(annLink, "user_id"), bobId), key(APP));
        MessagingFixture.Reply weak = fx.post("/_auth/forgot_password/reset_password", apiBody(annLink, "123"), key(APP));

        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.error().get("message").asString()).isEqualTo("invalid reset code");
        assertThat(foreign.error().at("/info/cause/kind").asString()).isEqualTo("InvalidCode");
        assertThat(weak.error().get("reason").asString()).isEqualTo("PasswordPolicyViolated");
        MessagingFixture.Reply ok = fx.post("/_auth/forgot_password/reset_password", apiBody(annLink, "new-pass-1"), key(APP));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("result").isEmpty()).isTrue();
        assertThat(login(ann, "new-pass-1")).isEqualTo(200);
        assertThat(login(bob, PASSWORD)).isEqualTo(200);
    }

    @Test
    void anExpiredLinkIsRefused() {
        String email = uniqueEmail("late");
        fx.signup(APP, Map.of("email", email));
        fx.post("/_auth/forgot_password", "{\"email\":\"" + email + "\"}", key(APP));
        String link = link(text(resetMail(email)), FORM);
        fx.clock.advance(Duration.ofSeconds(43200 + 1));
        try {
            MessagingFixture.Reply page = fx.get(link, APP_HEADER, APP);
            JsonNode api = fx.post("/_auth/forgot_password/reset_password", apiBody(link, "new-pass-1"), key(APP)).error();

            assertThat(page.status()).isEqualTo(400);
            assertThat(page.body()).contains("reset code has expired");
            assertThat(api.at("/info/cause/kind").asString()).isEqualTo("ExpiredCode");
        } finally {
            fx.clock.set(MessagingFixture.T0);
        }
    }

    @Test
    void aPasswordThatDoesNotMatchItsConfirmationShowsTheFormAgain() {
        String email = uniqueEmail("typo");
        fx.signup(APP, Map.of("email", email));
        fx.post("/_auth/forgot_password", "{\"email\":\"" + email + "\"}", key(APP));
        String link = link(text(resetMail(email)), FORM);

        MessagingFixture.Reply page = fx.postForm(link.substring(0, link.indexOf('?')), fields(link, "new-pass-1", "new-pass-2"),
                APP_HEADER, APP);

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("password does not match").contains("name=\"confirm\"");
        assertThat(login(email, PASSWORD)).isEqualTo(200);
    }

    @Test
    void hostileFormValuesAreEscapedAndRefused() {
        MessagingFixture.Reply page = fx.get("/_auth" + FORM + "?user_id=%22%3E%3Cscript%3Ealert(1)%3C/script%3E"
                + "&code=%3Cimg%20src=x%3E&expire_at=99999999999", APP_HEADER, APP);
        MessagingFixture.Reply garbage = fx.get("/_auth" + FORM + "?expire_at=not-a-number", APP_HEADER, APP);

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).doesNotContain("<script>").doesNotContain("<img").contains("invalid reset code");
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.body()).contains("invalid reset code");
    }

    @Test
    void unknownAddressesAre404UnlessSecureMatchAndBadAddressesAre400() {
        MessagingFixture.Reply unknown = fx.post("/_auth/forgot_password", "{\"email\":\"" + uniqueEmail("nobody") + "\"}", key(APP));
        MessagingFixture.Reply secure = fx.post("/_auth/forgot_password", "{\"email\":\"" + uniqueEmail("nobody") + "\"}",
                key(APP_REDIRECT));
        MessagingFixture.Reply empty = fx.post("/_auth/forgot_password", "{\"email\":\"\"}", key(APP));
        MessagingFixture.Reply noKey = fx.post("/_auth/forgot_password", "{\"email\":\"a@example.com\"}", APP_HEADER, APP);

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error().get("reason").asString()).isEqualTo("UserNotFound");
        assertThat(secure.json().get("result").isEmpty()).isTrue();
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.error().at("/info/causes/0/kind").asString()).isEqualTo("StringFormat");
        assertThat(empty.error().at("/info/causes/0/pointer").asString()).isEqualTo("/email");
        assertThat(empty.error().at("/info/causes/0/details/format").asString()).isEqualTo("email");
        assertThat(noKey.status()).isEqualTo(401);
    }

    @Test
    void addressesAreMatchedCaseInsensitivelyAndMailedAsStored() {
        String email = uniqueEmail("Mixed.Case");
        fx.signup(APP, Map.of("email", email));

        assertThat(fx.post("/_auth/forgot_password", "{\"email\":\"" + email.toUpperCase() + "\"}", key(APP)).status()).isEqualTo(200);

        assertThat(resetMail(email)).isNotNull();
    }

    @Test
    void redirectsCarryWhatHappenedAndTenantTemplatesOverrideTheDefault() {
        String email = uniqueEmail("redirect");
        fx.signup(MessagingFixture.APP_REDIRECT, Map.of("email", email));
        fx.post("/_auth/forgot_password", "{\"email\":\"" + email + "\"}", key(APP_REDIRECT));
        String text = text(resetMail(email));
        assertThat(text).startsWith("Custom reset for " + email + " at msg-redirect: ");
        String link = link(text, FORM);
        String action = link.substring(0, link.indexOf('?'));

        MessagingFixture.Reply success = fx.postForm(action, fields(link, "new-pass-1", "new-pass-1"), APP_HEADER, APP_REDIRECT);
        MessagingFixture.Reply failure = fx.postForm(action, fields(link, "new-pass-2", "new-pass-2"), APP_HEADER, APP_REDIRECT);

        assertThat(success.status()).isEqualTo(302);
        String location = success.header("Location").orElseThrow();
        assertThat(location).startsWith(MessagingFixture.SUCCESS_URL + "&x-skygear-redirect-data=");
        assertThat(MessagingFixture.redirectData(location).get("user_id").asString()).isEqualTo(query(link, "user_id"));
        assertThat(failure.status()).isEqualTo(302);
        String errorLocation = failure.header("Location").orElseThrow();
        assertThat(errorLocation).startsWith(MessagingFixture.ERROR_URL + "?x-skygear-redirect-data=");
        assertThat(MessagingFixture.redirectData(errorLocation).at("/error/info/cause/kind").asString()).isEqualTo("InvalidCode");
    }

    @Test
    void eachRequestSendsOneMailAndNothingTwice() {
        String email = uniqueEmail("single");
        fx.signup(APP, Map.of("email", email));
        fx.post("/_auth/forgot_password", "{\"email\":\"" + email + "\"}", key(APP));
        fx.post("/_auth/forgot_password", "{\"email\":\"" + email + "\"}", key(APP));

        List<MimeMessage> resets = fx.mailsTo(email, "Reset password instruction", 2);

        // a reset e-mail per request, each sent once (besides the welcome and verification e-mails of signup)
        assertThat(resets).hasSize(2);
        assertThat(fx.mailsTo(email, 4)).hasSize(4);
        assertThat(fx.awaitCount(2, "SELECT count(*) FROM app._auth_message_outbox WHERE app_id = ? AND recipient = ? "
                + "AND purpose = 'forgot_password' AND status = 'sent'", APP, email)).isEqualTo(2);
    }

    @Test
    void theReferenceResetCodeResetsAndWrongOrExpiredCodesFail() {
        // reference §12 #15: master key master_key, user john.doe.id with password 123456, never logged in
        String app = MessagingFixture.APP_REFERENCE;
        fx.database.dsl().execute("INSERT INTO app._core_user (id, app_id) VALUES ('john.doe.id', ?)", app);
        fx.database.dsl().execute("INSERT INTO app._auth_user_profile (user_id, created_at, updated_at, data, app_id) "
                + "VALUES ('john.doe.id', now(), now(), '{}', ?)", app);
        fx.database.dsl().execute("INSERT INTO app._auth_principal (id, provider, user_id, app_id) "
                + "VALUES ('john.doe.principal', 'password', 'john.doe.id', ?)", app);
        fx.database.dsl().execute("INSERT INTO app._auth_provider_password (principal_id, login_id, login_id_key, "
                + "login_id_normalized, password, realm, claims, app_id) VALUES ('john.doe.principal', 'john.doe@example.com', "
                + "'email', 'john.doe@example.com', '$2a$10$/jm/S1sY6ldfL6UZljlJdOAdJojsJfkjg/pqK47Q8WmOLE19tGWQi', 'default', "
                + "'{}', ?)", app);
        String body = "{\"user_id\":\"john.doe.id\",\"code\":\"%s\",\"expire_at\":%d,\"new_password\":\"new-pass-1\"}";
        fx.clock.set(java.time.Instant.parse("2006-01-02T15:04:05Z"));
        try {
            MessagingFixture.Reply wrong = fx.post("/_auth/forgot_password/reset_password", body.formatted("abcabc", 1138892645L), key(app));
            MessagingFixture.Reply expired = fx.post("/_auth/forgot_password/reset_password", body.formatted("1398d567", 1104678245L), key(app));
            MessagingFixture.Reply ok = fx.post("/_auth/forgot_password/reset_password", body.formatted("1398d567", 1138892645L), key(app));

            assertThat(wrong.status()).isEqualTo(400);
            assertThat(wrong.error().get("message").asString()).isEqualTo("invalid reset code");
            assertThat(expired.error().at("/info/cause/kind").asString()).isEqualTo("ExpiredCode");
            assertThat(expired.error().get("message").asString()).isEqualTo("reset code has expired");
            assertThat(ok.status()).isEqualTo(200);
            assertThat(fx.post("/_auth/forgot_password/reset_password", body.formatted("1398d567", 1138892645L), key(app))
                    .error().at("/info/cause/kind").asString()).isEqualTo("InvalidCode");
        } finally {
            fx.clock.set(MessagingFixture.T0);
        }
    }

    @Test
    void requestsAreRateLimitedPerAddress() {
        String email = uniqueEmail("limited");
        fx.signup(APP, Map.of("email", email));
        for (int i = 0; i < 5; i++) {
            assertThat(fx.post("/_auth/forgot_password", "{\"email\":\"" + email + "\"}", key(APP)).status()).isEqualTo(200);
        }

        MessagingFixture.Reply limited = fx.post("/_auth/forgot_password", "{\"email\":\"" + email.toUpperCase() + "\"}", key(APP));

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.error().get("reason").asString()).isEqualTo("TooManyRequest");
        assertThat(limited.header("Retry-After")).hasValue("3600");
        assertThat(fx.mailsTo(email, "Reset password instruction", 5)).hasSize(5);
    }

    private static MimeMessage resetMail(String email) {
        List<MimeMessage> mails = fx.mailsTo(email, "Reset password instruction", 1);
        assertThat(mails).isNotEmpty();
        return mails.getLast();
    }

    private static Map<String, String> fields(String link, String password, String confirm) {
        return Map.of("user_id", query(link, "user_id"), "code", query(link, "code"), "expire_at", query(link, "expire_at"),
                "password", password, "confirm", confirm);
    }

    private static String apiBody(String link, String password) {
        return """
                {"user_id":"%s","code":"%s","expire_at":%s,"new_password":"%s"}""".formatted(
                query(link, "user_id"), query(link, "code"), query(link, "expire_at"), password);
    }

    private static int login(String email, String password) {
        return fx.post("/_auth/login", "{\"login_id\":\"" + email + "\",\"password\":\"" + password + "\"}", key(APP)).status();
    }
}
