package io.skygear.auth.messaging;

import static io.skygear.auth.messaging.MessagingFixture.APP;
import static io.skygear.auth.messaging.MessagingFixture.APP_HEADER;
import static io.skygear.auth.messaging.MessagingFixture.APP_REDIRECT;
import static io.skygear.auth.messaging.MessagingFixture.bearer;
import static io.skygear.auth.messaging.MessagingFixture.link;
import static io.skygear.auth.messaging.MessagingFixture.query;
import static io.skygear.auth.messaging.MessagingFixture.text;
import static io.skygear.auth.messaging.MessagingFixture.uniqueEmail;
import static io.skygear.auth.messaging.MessagingFixture.uniquePhone;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * User verification end to end: codes sent on signup and on request by real SMTP and by SMS in the
 * Twilio and Nexmo formats, checked through the link's HTML page and the API; wrong, used, expired,
 * superseded and other users' codes fail with the documented errors; criteria any and all.
 */
class VerificationTest {

    static MessagingFixture fx;

    @BeforeAll
    static void start() {
        fx = MessagingFixture.start();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    record Account(String userId, String token, String email, String phone) {
    }

    @Test
    void signupSendsACodeByEmailWhoseLinkVerifiesTheUser() {
        Account a = signup(APP);

        String mail = text(fx.mailsTo(a.email(), "Verification instruction", 1).getFirst());
        String link = link(mail, "/_auth/verify_code_form");
        assertThat(query(link, "code")).matches("[0-9A-HJKMNP-TV-Z]{8}");
        assertThat(mail).contains("Your verification code for msg is " + query(link, "code"));

        MessagingFixture.Reply page = fx.get(link, APP_HEADER, APP);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Your email " + a.email() + " has been verified.");
        JsonNode user = me(a);
        assertThat(user.at("/verify_info/" + a.email().replace("/", "~1")).asBoolean()).isTrue();
        assertThat(user.get("is_verified").asBoolean()).isTrue();
    }

    @Test
    void signupSendsANumericCodeBySmsInTwilioFormat() {
        Account a = signup(APP);

        SmsProvider.Request sms = fx.smsTo(a.phone(), 1).getFirst();

        assertThat(sms.path()).isEqualTo("/2010-04-01/Accounts/AC123/Messages.json");
        assertThat(sms.authorization()).isEqualTo("Basic " + java.util.Base64.getEncoder()
                .encodeToString("AC123:twilio-token".getBytes()));
        assertThat(sms.form().get("From")).isEqualTo("+15005550006");
        String code = code(sms.text(), "\\b(\\d{6})\\b");
        // the SMS code is the latest: it verifies the phone
        assertThat(verify(a, code).status()).isEqualTo(200);
        assertThat(me(a).at("/verify_info").toString()).contains("\"" + a.phone() + "\":true");
    }

    @Test
    void wrongUsedExpiredSupersededAndForeignCodesFail() {
        Account a = signup(APP);
        Account b = signup(APP);
        String first = emailCode(a, 1);
        fx.smsTo(a.phone(), 1);
        String bCode = emailCode(b, 1);
        request(a, "email", a.email());
        String latest = emailCode(a, 2);

        assertThat(kind(verify(a, "WRONG123"))).isEqualTo("InvalidCode");
        assertThat(kind(verify(a, first))).isEqualTo("InvalidCode");
        assertThat(kind(verify(a, bCode))).isEqualTo("InvalidCode");
        // past the key's expiry (and the session's lifetime, hence the page, which needs no session)
        MessagingFixture.Reply expired;
        fx.clock.advance(Duration.ofSeconds(3601));
        try {
            expired = fx.get("/_auth/verify_code_form?user_id=" + a.userId() + "&code=" + latest, APP_HEADER, APP);
        } finally {
            fx.clock.set(MessagingFixture.T0);
        }
        assertThat(expired.status()).isEqualTo(400);
        assertThat(expired.body()).contains("verification code has expired");
        // Crockford: lower case, hyphens, I/L/O read as 1/1/0
        String typed = latest.toLowerCase().replace("1", "l").replace("0", "o");
        assertThat(verify(a, typed.substring(0, 4) + "-" + typed.substring(4)).status()).isEqualTo(200);
        MessagingFixture.Reply used = verify(a, latest);
        assertThat(used.error().get("reason").asString()).isEqualTo("UserVerificationFailed");
        assertThat(kind(used)).isEqualTo("UsedCode");
        assertThat(me(b).get("is_verified").asBoolean()).isFalse();
    }

    @Test
    void verifyRequestOnlyForTheCallersOwnLoginIds() {
        Account a = signup(APP);
        Account b = signup(APP);

        MessagingFixture.Reply foreign = request(a, "email", b.email());
        MessagingFixture.Reply badType = request(a, "fax", a.email());
        MessagingFixture.Reply anonymous = fx.post("/_auth/verify_request",
                "{\"login_id_type\":\"email\",\"login_id\":\"" + a.email() + "\"}", MessagingFixture.key(APP));

        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.error().at("/info/causes/0/pointer").asString()).isEqualTo("/login_id");
        assertThat(foreign.error().at("/info/causes/0/message").asString()).isEqualTo("login ID is not owned by this user");
        assertThat(badType.status()).isEqualTo(400);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(request(a, "phone", a.phone()).status()).isEqualTo(200);
        assertThat(fx.smsTo(a.phone(), 2)).hasSize(2);
    }

    @Test
    void criteriaAllNeedsEveryLoginIdAndNexmoCarriesTheSms() {
        Account a = signup(APP_REDIRECT);
        // no auto-send in this tenant
        assertThat(request(a, "phone", a.phone()).status()).isEqualTo(200);
        SmsProvider.Request sms = fx.smsTo(a.phone(), 1).getFirst();
        assertThat(sms.path()).isEqualTo("/sms/json");
        assertThat(sms.form()).containsEntry("api_key", "nexmo-key").containsEntry("api_secret", "nexmo-secret")
                .containsEntry("from", "Skygear");
        assertThat(verify(a, code(sms.text(), "\\b(\\d{6})\\b")).status()).isEqualTo(200);
        assertThat(me(a).get("is_verified").asBoolean()).isFalse();

        assertThat(request(a, "email", a.email()).status()).isEqualTo(200);
        String link = link(text(fx.mailsTo(a.email(), "Verification instruction", 1).getFirst()), "/_auth/verify_code_form");
        MessagingFixture.Reply redirect = fx.get(link, APP_HEADER, APP_REDIRECT);

        assertThat(redirect.status()).isEqualTo(302);
        String location = redirect.header("Location").orElseThrow();
        assertThat(location).startsWith(MessagingFixture.SUCCESS_URL + "&x-skygear-redirect-data=");
        assertThat(MessagingFixture.redirectData(location).get("login_id").asString()).isEqualTo(a.email());
        assertThat(me(a).get("is_verified").asBoolean()).isTrue();
        MessagingFixture.Reply again = fx.get(link, APP_HEADER, APP_REDIRECT);
        assertThat(again.header("Location").orElseThrow()).startsWith(MessagingFixture.ERROR_URL + "?x-skygear-redirect-data=");
        assertThat(MessagingFixture.redirectData(again.header("Location").get()).at("/error/info/cause/kind").asString())
                .isEqualTo("UsedCode");
    }

    @Test
    void theFormShowsErrorsWithoutEchoingInput() {
        MessagingFixture.Reply page = fx.get("/_auth/verify_code_form?user_id=%3Cscript%3Ex%3C/script%3E&code=%3Cb%3E",
                APP_HEADER, APP);

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("invalid verification code").doesNotContain("<script>").doesNotContain("<b>");
    }

    @Test
    void codeAttemptsAreRateLimitedPerUser() {
        Account a = signup(APP);
        List<Integer> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < 11; i++) {
            statuses.add(verify(a, "00000" + i).status());
        }

        assertThat(statuses.subList(0, 10)).containsOnly(400);
        MessagingFixture.Reply limited = verify(a, "000000");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isPresent();
    }

    private static Account signup(String app) {
        String email = uniqueEmail("verify");
        String phone = uniquePhone();
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("email", email);
        ids.put("phone", phone);
        JsonNode result = fx.signup(app, ids);
        return new Account(result.at("/user/id").asString(), result.get("access_token").asString(), email, phone);
    }

    private static String emailCode(Account a, int count) {
        return query(link(text(fx.mailsTo(a.email(), "Verification instruction", count).getLast()), "/_auth/verify_code_form"),
                "code");
    }

    private static MessagingFixture.Reply request(Account a, String type, String loginId) {
        return fx.post("/_auth/verify_request", "{\"login_id_type\":\"" + type + "\",\"login_id\":\"" + loginId + "\"}",
                bearer(appOf(a), a.token()));
    }

    private static MessagingFixture.Reply verify(Account a, String code) {
        return fx.post("/_auth/verify_code", "{\"code\":\"" + code + "\"}", bearer(appOf(a), a.token()));
    }

    private static JsonNode me(Account a) {
        return fx.post("/_auth/me", "{}", bearer(appOf(a), a.token())).json().at("/result/user");
    }

    private static String appOf(Account a) {
        return fx.count("SELECT count(*) FROM app._core_user WHERE id = ? AND app_id = ?", a.userId(), APP) == 1 ? APP : APP_REDIRECT;
    }

    private static String kind(MessagingFixture.Reply reply) {
        return reply.error().at("/info/cause/kind").asString();
    }

    private static String code(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new AssertionError("no code in " + text);
        }
        return m.group(1);
    }
}
