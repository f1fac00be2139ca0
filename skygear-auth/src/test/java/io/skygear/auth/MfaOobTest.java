package io.skygear.auth;

import static io.skygear.auth.AuthFixture.APP_MFA;
import static io.skygear.auth.AuthFixture.WEB;
import static io.skygear.auth.AuthFixture.bearer;
import static io.skygear.auth.AuthFixture.headers;
import static io.skygear.auth.AuthFixture.key;
import static io.skygear.auth.AuthFixture.uniqueName;
import static io.skygear.auth.MfaUsers.authnToken;
import static io.skygear.auth.MfaUsers.withToken;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.skygear.auth.AuthFixture.Reply;
import io.skygear.core.config.SmtpConfig;
import io.skygear.core.config.SmtpMode;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code /_auth/mfa/oob/new|trigger|activate|authenticate}: codes by e-mail read from a real SMTP server
 * (GreenMail), by SMS (no provider here: codes read from the table), and the hostile cases.
 */
class MfaOobTest {

    static final Pattern CODE = Pattern.compile("Your MFA code is: ([0-9]{6})");

    static GreenMail smtp;
    static AuthFixture auth;

    @BeforeAll
    static void start() {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        auth = AuthFixture.start(AuthFixture.settings()
                .smtpDefaults(new SmtpConfig("127.0.0.1", smtp.getSmtp().getPort(), SmtpMode.NORMAL, "", ""))
                .build());
    }

    @AfterAll
    static void stop() {
        auth.close();
        smtp.stop();
    }

    /** A user of {@link AuthFixture#APP_MFA} with a session (no authenticator yet): its headers. */
    static String[] newUser(String username) {
        Reply signup = MfaUsers.signup(auth, APP_MFA, WEB, username);
        assertThat(signup.status()).as(signup.body()).isEqualTo(200);
        return headers(key(APP_MFA, WEB), bearer(signup.result().get("access_token").asString()));
    }

    /** The code of the {@code n}-th MFA e-mail to {@code address} (1-based), waiting for its delivery. */
    static String mailedCode(String address, int n) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            List<MimeMessage> mails = Arrays.stream(smtp.getReceivedMessages())
                    .filter(m -> to(m).equals(address)).toList();
            if (mails.size() >= n) {
                MimeMessage mail = mails.get(n - 1);
                assertThat(mail.getSubject()).isEqualTo("MFA Code");
                assertThat(mail.getFrom()[0].toString()).isEqualTo("no-reply@skygeario.com");
                Matcher m = CODE.matcher(GreenMailUtil.getBody(mail));
                assertThat(m.find()).as("a code in the mail").isTrue();
                return m.group(1);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no MFA e-mail #" + n + " to " + address);
            }
            smtp.waitForIncomingEmail(500, smtp.getReceivedMessages().length + 1);
        }
    }

    static String to(MimeMessage message) {
        try {
            return message.getRecipients(Message.RecipientType.TO)[0].toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sets up an e-mail OOB authenticator on a new user's session; returns the user's address. */
    static String enrollEmail(String name) throws Exception {
        String email = name + "@example.com";
        String[] session = newUser(name);
        Reply created = auth.post("/_auth/mfa/oob/new", "{\"channel\":\"email\",\"email\":\"" + email + "\"}", session);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.result().get("authenticator_type").asString()).isEqualTo("oob");
        assertThat(created.result().get("channel").asString()).isEqualTo("email");
        Reply activated = auth.post("/_auth/mfa/oob/activate", "{\"code\":\"" + mailedCode(email, 1) + "\"}", session);
        assertThat(activated.status()).as(activated.body()).isEqualTo(200);
        assertThat(activated.result().get("recovery_codes")).hasSize(10);
        return email;
    }

    static Reply trigger(String token) {
        return auth.post("/_auth/mfa/oob/trigger", withToken("{}", token), key(APP_MFA, WEB));
    }

    static Reply authenticate(String token, String code) {
        return auth.post("/_auth/mfa/oob/authenticate", withToken("{\"code\":\"" + code + "\"}", token), key(APP_MFA, WEB));
    }

    @Test
    void emailCodesSetUpAndCompleteTheLogin() throws Exception {
        String name = uniqueName("mailer");
        String email = enrollEmail(name);
        String token = authnToken(MfaUsers.login(auth, APP_MFA, WEB, name));

        assertThat(trigger(token).status()).isEqualTo(200);
        Reply reply = authenticate(token, mailedCode(email, 2));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode session = auth.post("/_auth/session/get",
                "{\"session_id\":\"" + reply.result().get("session_id").asString() + "\"}",
                headers(key(APP_MFA, WEB), bearer(reply.result().get("access_token").asString()))).result().get("session");
        assertThat(session.get("authenticator_type").asString()).isEqualTo("oob");
        assertThat(session.get("authenticator_oob_channel").asString()).isEqualTo("email");
    }

    @Test
    void wrongUsedAndExpiredCodesAreInvalidMfaCode() throws Exception {
        String name = uniqueName("hostile");
        String email = enrollEmail(name);
        String token = authnToken(MfaUsers.login(auth, APP_MFA, WEB, name));
        trigger(token);
        String code = mailedCode(email, 2);

        Reply wrong = authenticate(token, code.equals("000000") ? "111111" : "000000");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.error().get("reason").asString()).isEqualTo("InvalidMFACode");
        assertThat(authenticate(token, code).status()).isEqualTo(200);
        assertThat(authenticate(authnToken(MfaUsers.login(auth, APP_MFA, WEB, name)), code).status())
                .as("used").isEqualTo(401);

        String later = authnToken(MfaUsers.login(auth, APP_MFA, WEB, name));
        trigger(later);
        String expiring = mailedCode(email, 3);
        auth.clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(authenticate(authnToken(MfaUsers.login(auth, APP_MFA, WEB, name)), expiring).status())
                .as("expired").isEqualTo(401);
    }

    @Test
    void aStillValidCodeIsSentAgainByTrigger() throws Exception {
        String name = uniqueName("resend");
        String email = enrollEmail(name);
        String token = authnToken(MfaUsers.login(auth, APP_MFA, WEB, name));

        trigger(token);
        trigger(token);

        assertThat(mailedCode(email, 3)).isEqualTo(mailedCode(email, 2));
    }

    @Test
    void theSameActivatedTargetIsAlreadyExists() throws Exception {
        String name = uniqueName("twice");
        String email = enrollEmail(name);
        String token = authnToken(MfaUsers.login(auth, APP_MFA, WEB, name));
        trigger(token);
        Reply login = authenticate(token, mailedCode(email, 2));
        String[] session = headers(key(APP_MFA, WEB), bearer(login.result().get("access_token").asString()));

        Reply reply = auth.post("/_auth/mfa/oob/new", "{\"channel\":\"email\",\"email\":\"" + email + "\"}", session);

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.error().get("reason").asString()).isEqualTo("AuthenticatorAlreadyExists");
    }

    @Test
    void smsAuthenticatorsAreListedWithTheirPhoneMasked() {
        String[] session = newUser(uniqueName("sms"));
        Reply created = auth.post("/_auth/mfa/oob/new", "{\"channel\":\"sms\",\"phone\":\"+85223456789\"}", session);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String id = created.result().get("authenticator_id").asString();
        String code = auth.sql().fetchValue("SELECT code FROM app._auth_authenticator_oob_code WHERE authenticator_id = ?",
                id).toString();
        assertThat(auth.post("/_auth/mfa/oob/activate", "{\"code\":\"" + code + "\"}", session).status()).isEqualTo(200);

        JsonNode listed = auth.post("/_auth/mfa/authenticator/list", "{}", session).result().get("authenticators").get(0);

        assertThat(listed.get("type").asString()).isEqualTo("oob");
        assertThat(listed.get("channel").asString()).isEqualTo("sms");
        assertThat(listed.get("masked_phone").asString()).isEqualTo("+8522345****");
        assertThat(listed.has("phone")).isFalse();
    }

    @Test
    void badBodiesAreValidationFailed() {
        String[] session = newUser(uniqueName("body"));

        for (String body : List.of("{\"channel\":\"sms\",\"phone\":\"23456789\"}",
                "{\"channel\":\"email\",\"email\":\"not-an-email\"}",
                "{\"channel\":\"email\",\"email\":\"a@example.com\",\"phone\":\"+85223456789\"}",
                "{\"channel\":\"fax\"}",
                "{\"channel\":\"email\",\"email\":\"a@example.com\",\"extra\":1}")) {
            Reply reply = auth.post("/_auth/mfa/oob/new", body, session);
            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(reply.error().get("reason").asString()).as(body).isEqualTo("ValidationFailed");
        }
    }

    @Test
    void triggerOfAnotherUsersAuthenticatorIsNotFoundAndWithoutIdNeedsExactlyOne() throws Exception {
        String victim = uniqueName("victim");
        enrollEmail(victim);
        String victimToken = authnToken(MfaUsers.login(auth, APP_MFA, WEB, victim));
        String victimAuthenticator = auth.post("/_auth/mfa/authenticator/list", withToken("{}", victimToken),
                key(APP_MFA, WEB)).result().get("authenticators").get(0).get("id").asString();
        String[] attacker = newUser(uniqueName("attacker"));

        Reply foreign = auth.post("/_auth/mfa/oob/trigger", "{\"authenticator_id\":\"" + victimAuthenticator + "\"}",
                attacker);
        Reply none = auth.post("/_auth/mfa/oob/trigger", "{}", attacker);

        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.error().get("reason").asString()).isEqualTo("AuthenticatorNotFound");
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.error().get("info").get("cause").get("kind").asString()).isEqualTo("AuthenticatorRequired");
    }
}
