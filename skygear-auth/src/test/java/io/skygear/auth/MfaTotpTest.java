package io.skygear.auth;

import static io.skygear.auth.AuthFixture.APP_A;
import static io.skygear.auth.AuthFixture.APP_MFA;
import static io.skygear.auth.AuthFixture.APP_MFA_REQUIRED;
import static io.skygear.auth.AuthFixture.WEB;
import static io.skygear.auth.AuthFixture.bearer;
import static io.skygear.auth.AuthFixture.headers;
import static io.skygear.auth.AuthFixture.key;
import static io.skygear.auth.AuthFixture.uniqueName;
import static io.skygear.auth.MfaUsers.authnToken;
import static io.skygear.auth.MfaUsers.code;
import static io.skygear.auth.MfaUsers.withToken;
import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.auth.AuthFixture.Login;
import io.skygear.auth.AuthFixture.Reply;
import io.skygear.auth.MfaUsers.Enrolled;
import io.skygear.auth.internal.mfa.totp.Totp;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code /_auth/mfa/totp/new|activate|authenticate}: setup, limits, the login step, replay, expiry,
 * MFA on an existing session (deviation 3) and rate limits.
 */
class MfaTotpTest {

    static AuthFixture auth;

    @BeforeAll
    static void start() {
        auth = AuthFixture.start();
    }

    @AfterAll
    static void stop() {
        auth.close();
    }

    static String[] session(String appId, String accessToken) {
        return headers(key(appId, WEB), bearer(accessToken));
    }

    static Reply authenticate(Enrolled user, String token, String otp) {
        return auth.post("/_auth/mfa/totp/authenticate", withToken("{\"otp\":\"" + otp + "\"}", token),
                key(user.appId(), WEB));
    }

    static String loginToken(Enrolled user) {
        return authnToken(MfaUsers.login(auth, user.appId(), WEB, user.username()));
    }

    @Test
    void newAnswersSecretUriAndQrCodeOfAnInactiveAuthenticator() {
        Login user = auth.signup(APP_MFA, """
                {"login_ids":[{"key":"username","value":"%s"}],"password":"%s"}""".formatted(uniqueName("new"),
                AuthFixture.PASSWORD));

        Reply reply = auth.post("/_auth/mfa/totp/new",
                "{\"display_name\":\"My phone\",\"account_name\":\"john\",\"issuer\":\"Skygear\"}",
                session(APP_MFA, user.accessToken()));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode result = reply.result();
        String secret = result.get("secret").asString();
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(result.get("authenticator_type").asString()).isEqualTo("totp");
        assertThat(result.get("otpauth_uri").asString())
                .isEqualTo("otpauth://totp/Skygear:john?secret=" + secret + "&issuer=Skygear");
        assertThat(result.get("qr_code_image_uri").asString()).startsWith("data:image/png;base64,");
        JsonNode list = auth.post("/_auth/mfa/authenticator/list", "{}", session(APP_MFA, user.accessToken())).result();
        assertThat(list.get("authenticators")).as("inactive ones are not listed").isEmpty();
    }

    @Test
    void activationWithAWrongCodeIsIncorrectCodeAndWithoutPendingAuthenticatorNotFound() {
        Login user = auth.signup(APP_MFA, """
                {"login_ids":[{"key":"username","value":"%s"}],"password":"%s"}""".formatted(uniqueName("wrong"),
                AuthFixture.PASSWORD));
        String[] session = session(APP_MFA, user.accessToken());

        Reply none = auth.post("/_auth/mfa/totp/activate", "{\"otp\":\"123456\"}", session);
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.error().get("reason").asString()).isEqualTo("AuthenticatorNotFound");

        String secret = auth.post("/_auth/mfa/totp/new", "{\"display_name\":\"p\"}", session).result()
                .get("secret").asString();
        String wrong = code(auth, secret, 3);
        Reply reply = auth.post("/_auth/mfa/totp/activate", "{\"otp\":\"" + wrong + "\"}", session);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error().get("reason").asString()).isEqualTo("InvalidMFARequest");
        assertThat(reply.error().get("info").get("cause").get("kind").asString()).isEqualTo("IncorrectCode");
    }

    @Test
    void firstActivationGivesTheConfiguredNumberOfRecoveryCodes() {
        Enrolled optional = MfaUsers.enrollOnSession(auth, uniqueName("codes"));
        Enrolled required = MfaUsers.enrollWithToken(auth, uniqueName("codes"));

        assertThat(optional.recoveryCodes()).hasSize(10).allMatch(c -> c.matches("[0-9A-HJKMNP-TV-Z]{10}"));
        assertThat(required.recoveryCodes()).hasSize(8).doesNotHaveDuplicates();
    }

    @Test
    void theLoginStepAcceptsTheCodeOfTheNextStepAndOnlyOnce() {
        Enrolled user = MfaUsers.enrollWithToken(auth, uniqueName("once"));
        String token = loginToken(user);
        String next = code(auth, user.secret(), 1);

        assertThat(authenticate(user, token, next).status()).isEqualTo(200);

        Reply replay = authenticate(user, loginToken(user), next);
        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.error().get("reason").asString()).isEqualTo("InvalidMFACode");
        assertThat(replay.error().get("message").asString()).isEqualTo("invalid MFA code");
    }

    @Test
    void theActivationCodeCannotBeReplayedToLogIn() {
        Enrolled user = MfaUsers.enrollWithToken(auth, uniqueName("activation"));

        Reply reply = authenticate(user, loginToken(user), code(auth, user.secret(), 0));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.error().get("reason").asString()).isEqualTo("InvalidMFACode");
    }

    @Test
    void anOlderCodeThanTheLastUsedOneIsRefusedToo() {
        Enrolled user = MfaUsers.enrollWithToken(auth, uniqueName("older"));
        auth.clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
        assertThat(authenticate(user, loginToken(user), code(auth, user.secret(), 1)).status()).isEqualTo(200);

        Reply older = authenticate(user, loginToken(user), code(auth, user.secret(), 0));

        assertThat(older.status()).isEqualTo(401);
    }

    @Test
    void wrongAndExpiredCodesAreInvalidMfaCode() {
        Enrolled user = MfaUsers.enrollWithToken(auth, uniqueName("expired"));
        String stale = code(auth, user.secret(), -2);

        assertThat(authenticate(user, loginToken(user), stale).status()).isEqualTo(401);
        assertThat(authenticate(user, loginToken(user), "000000".equals(code(auth, user.secret(), 1))
                ? "111111" : "000000").error().get("reason").asString()).isEqualTo("InvalidMFACode");
        assertThat(authenticate(user, loginToken(user), "not-a-code").status()).isEqualTo(401);
    }

    @Test
    void anotherUsersCodeDoesNotWork() {
        Enrolled alice = MfaUsers.enrollWithToken(auth, uniqueName("alice"));
        Enrolled mallory = MfaUsers.enrollWithToken(auth, uniqueName("mallory"));

        Reply reply = authenticate(alice, loginToken(alice), code(auth, mallory.secret(), 1));

        assertThat(reply.status()).isEqualTo(401);
    }

    @Test
    void onAnExistingSessionTheAccessTokenIsRotatedAndReturned() {
        Enrolled user = MfaUsers.enrollOnSession(auth, uniqueName("rotate"));
        String token = loginToken(user);
        Login login = loginFrom(authenticate(user, token, code(auth, user.secret(), 1)));

        Reply reply = auth.post("/_auth/mfa/recovery_code/authenticate",
                "{\"code\":\"" + user.recoveryCodes().getFirst() + "\"}", session(APP_MFA, login.accessToken()));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        String rotated = reply.result().get("access_token").asString();
        assertThat(rotated).isNotEqualTo(login.accessToken()).startsWith(login.sessionId() + ".");
        assertThat(reply.result().get("session_id").asString()).isEqualTo(login.sessionId());
        assertThat(reply.result().has("refresh_token")).isFalse();
        assertThat(auth.post("/_auth/me", "{}", session(APP_MFA, login.accessToken())).status())
                .as("the old token is gone").isEqualTo(401);
        JsonNode session = auth.post("/_auth/session/get", "{\"session_id\":\"" + login.sessionId() + "\"}",
                session(APP_MFA, rotated)).result().get("session");
        assertThat(session.get("authenticator_type").asString()).isEqualTo("recovery_code");
    }

    @Test
    void aTenantWithMfaDisabledRefusesNewAuthenticators() {
        Login user = auth.signup(uniqueName("disabled"));

        Reply reply = auth.post("/_auth/mfa/totp/new", "{\"display_name\":\"p\"}", session(APP_A, user.accessToken()));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error().get("info").get("cause").get("kind").asString()).isEqualTo("TooManyAuthenticator");
    }

    @Test
    void aSecondTotpOverTheLimitIsTooManyAuthenticator() {
        Enrolled user = MfaUsers.enrollOnSession(auth, uniqueName("limit"));
        Login login = loginFrom(authenticate(user, loginToken(user), code(auth, user.secret(), 1)));

        Reply reply = auth.post("/_auth/mfa/totp/new", "{\"display_name\":\"second\"}",
                session(APP_MFA, login.accessToken()));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error().get("reason").asString()).isEqualTo("InvalidMFARequest");
        assertThat(reply.error().get("info").get("cause").get("kind").asString()).isEqualTo("TooManyAuthenticator");
    }

    @Test
    void missingOrEmptyFieldsAreValidationFailed() {
        String token = authnToken(MfaUsers.signup(auth, APP_MFA_REQUIRED, WEB, uniqueName("fields")));

        Reply noName = auth.post("/_auth/mfa/totp/new", withToken("{}", token), key(APP_MFA_REQUIRED, WEB));
        Reply emptyOtp = auth.post("/_auth/mfa/totp/authenticate", withToken("{\"otp\":\"\"}", token),
                key(APP_MFA_REQUIRED, WEB));

        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.error().get("reason").asString()).isEqualTo("ValidationFailed");
        assertThat(emptyOtp.error().get("reason").asString()).isEqualTo("ValidationFailed");
    }

    @Test
    void namesTooLongForTheQrCodeAreValidationFailed() {
        String token = authnToken(MfaUsers.signup(auth, APP_MFA_REQUIRED, WEB, uniqueName("long")));
        String longest = "\u20ac".repeat(100);

        Reply tooLong = auth.post("/_auth/mfa/totp/new", withToken("{\"display_name\":\"" + "x".repeat(101) + "\"}",
                token), key(APP_MFA_REQUIRED, WEB));
        Reply tooBig = auth.post("/_auth/mfa/totp/new", withToken("{\"display_name\":\"p\",\"account_name\":\""
                + longest + "\",\"issuer\":\"" + longest + "\"}", token), key(APP_MFA_REQUIRED, WEB));

        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.error().get("info").get("causes").get(0).get("kind").asString()).isEqualTo("StringLength");
        assertThat(tooBig.status()).as(tooBig.body()).isEqualTo(400);
    }

    @Test
    void codeAttemptsOverThePerUserLimitAreTooManyRequests() {
        Enrolled user = MfaUsers.enrollWithToken(auth, uniqueName("brute"));
        String token = loginToken(user);
        int status = 0;
        // the activation was attempt 1; the default limit is 10 per user in 5 minutes
        for (int i = 0; i < 10 && status != 429; i++) {
            status = authenticate(user, token, String.format("%06d", i)).status();
        }

        Reply blocked = authenticate(user, token, code(auth, user.secret(), 1));

        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.error().get("name").asString()).isEqualTo("TooManyRequest");
        assertThat(blocked.header("Retry-After")).isPresent();
    }

    static Login loginFrom(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode r = reply.result();
        return new Login(r.get("user").get("id").asString(), r.get("session_id").asString(),
                r.get("access_token").asString(), java.util.Optional.empty(), r);
    }
}
