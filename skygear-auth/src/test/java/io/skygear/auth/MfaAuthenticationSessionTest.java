package io.skygear.auth;

import static io.skygear.auth.AuthFixture.APP_A;
import static io.skygear.auth.AuthFixture.APP_MFA;
import static io.skygear.auth.AuthFixture.APP_MFA_REQUIRED;
import static io.skygear.auth.AuthFixture.WEB;
import static io.skygear.auth.AuthFixture.key;
import static io.skygear.auth.AuthFixture.master;
import static io.skygear.auth.AuthFixture.uniqueName;
import static io.skygear.auth.MfaUsers.authnToken;
import static io.skygear.auth.MfaUsers.code;
import static io.skygear.auth.MfaUsers.withToken;
import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.auth.AuthFixture.Reply;
import io.skygear.auth.MfaUsers.Enrolled;
import io.skygear.core.http.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The authentication session (§5.4): when signup and login answer 401 {@code AuthenticationSession}
 * instead of a session, what its token carries, and which tokens the MFA endpoints refuse.
 */
class MfaAuthenticationSessionTest {

    static AuthFixture auth;

    @BeforeAll
    static void start() {
        auth = AuthFixture.start();
    }

    @AfterAll
    static void stop() {
        auth.close();
    }

    static Reply totpAuthenticate(String appId, String body) {
        return auth.post("/_auth/mfa/totp/authenticate", body, key(appId, WEB));
    }

    @Test
    void signupUnderRequiredEnforcementCommitsTheUserButOpensNoSession() {
        String name = uniqueName("required");

        Reply reply = MfaUsers.signup(auth, APP_MFA_REQUIRED, WEB, name);

        String token = authnToken(reply);
        assertThat(reply.error().get("name").asString()).isEqualTo("Unauthorized");
        assertThat(reply.error().get("message").asString()).isEqualTo("authentication session is required");
        assertThat(reply.status()).isEqualTo(401);
        assertThat(auth.count("SELECT count(*) FROM app._auth_provider_password WHERE app_id = ? AND login_id = ?",
                APP_MFA_REQUIRED, name)).as("the signup committed").isEqualTo(1);
        assertThat(auth.count("SELECT count(*) FROM app._auth_session WHERE user_id = (SELECT pr.user_id"
                + " FROM app._auth_principal pr JOIN app._auth_provider_password p ON p.principal_id = pr.id"
                + " WHERE p.login_id = ?)", name)).as("no session").isZero();
        JsonNode claims = claims(token);
        assertThat(claims.get("authn_session").get("required_steps").toString()).isEqualTo("[\"identity\",\"mfa\"]");
        assertThat(claims.get("authn_session").get("finished_steps").toString()).isEqualTo("[\"identity\"]");
        assertThat(claims.get("authn_session").get("session_create_reason").asString()).isEqualTo("signup");
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(300);
    }

    @Test
    void loginUnderRequiredEnforcementAsksForMfaEvenWithoutAuthenticators() {
        String name = uniqueName("noauth");
        authnToken(MfaUsers.signup(auth, APP_MFA_REQUIRED, WEB, name));

        String token = authnToken(MfaUsers.login(auth, APP_MFA_REQUIRED, WEB, name));

        assertThat(claims(token).get("authn_session").get("session_create_reason").asString()).isEqualTo("login");
    }

    @Test
    void optionalEnforcementAsksOnlyUsersWithAnAuthenticator() {
        String plain = uniqueName("plain");
        assertThat(MfaUsers.signup(auth, APP_MFA, WEB, plain).status()).isEqualTo(200);
        assertThat(MfaUsers.login(auth, APP_MFA, WEB, plain).status()).isEqualTo(200);

        Enrolled enrolled = MfaUsers.enrollOnSession(auth, uniqueName("enrolled"));

        authnToken(MfaUsers.login(auth, APP_MFA, WEB, enrolled.username()));
    }

    @Test
    void enforcementOffNeverAsks() {
        String name = uniqueName("off");
        assertThat(MfaUsers.signup(auth, APP_A, WEB, name).status()).isEqualTo(200);
        assertThat(MfaUsers.login(auth, APP_A, WEB, name).status()).isEqualTo(200);
    }

    @Test
    void completingTheStepOpensTheSessionWithTheAuthenticatorRecorded() {
        Enrolled user = MfaUsers.enrollWithToken(auth, uniqueName("complete"));
        String token = authnToken(MfaUsers.login(auth, APP_MFA_REQUIRED, WEB, user.username()));

        Reply reply = totpAuthenticate(APP_MFA_REQUIRED, withToken("{\"otp\":\"" + code(auth, user.secret(), 1) + "\"}", token));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode result = reply.result();
        assertThat(result.get("user").get("id").asString()).isEqualTo(user.userId());
        assertThat(result.get("identity").get("login_id").asString()).isEqualTo(user.username());
        assertThat(result.get("access_token").asString()).startsWith(result.get("session_id").asString() + ".");
        assertThat(result.has("refresh_token")).isTrue();
        Reply session = auth.post("/_auth/session/get", "{\"session_id\":\"" + result.get("session_id").asString() + "\"}",
                AuthFixture.headers(key(APP_MFA_REQUIRED, WEB), AuthFixture.bearer(result.get("access_token").asString())));
        assertThat(session.result().get("session").get("authenticator_type").asString()).isEqualTo("totp");
        assertThat(session.result().get("session").has("authenticator_id")).isTrue();
    }

    @Test
    void missingTokenWithoutSessionIsNotAuthenticated() {
        Reply reply = totpAuthenticate(APP_MFA_REQUIRED, "{\"otp\":\"123456\"}");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.error().get("reason").asString()).isEqualTo("NotAuthenticated");
    }

    @Test
    void garbageForgedExpiredAndOtherTenantsTokensAreInvalid() {
        String name = uniqueName("tokens");
        String token = authnToken(MfaUsers.signup(auth, APP_MFA_REQUIRED, WEB, name));
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2) + "AA";
        String otherTenant = authnToken(MfaUsers.login(auth, APP_MFA_REQUIRED, WEB, name));

        assertInvalid(totpAuthenticate(APP_MFA_REQUIRED, withToken("{\"otp\":\"123456\"}", "garbage")));
        assertInvalid(totpAuthenticate(APP_MFA_REQUIRED, withToken("{\"otp\":\"123456\"}", forged)));
        assertInvalid(totpAuthenticate(APP_MFA, withToken("{\"otp\":\"123456\"}", otherTenant)));
        assertInvalid(auth.post("/_auth/mfa/authenticator/list", withToken("{}", token), master(APP_MFA_REQUIRED)));

        auth.clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertInvalid(totpAuthenticate(APP_MFA_REQUIRED, withToken("{\"otp\":\"123456\"}", token)));
    }

    @Test
    void aTokenIsBoundToTheClientItWasIssuedTo() {
        String token = authnToken(MfaUsers.signup(auth, APP_MFA_REQUIRED, WEB, uniqueName("client")));

        assertInvalid(auth.post("/_auth/mfa/authenticator/list", withToken("{}", token),
                key(APP_MFA_REQUIRED, AuthFixture.NO_REFRESH)));
        assertThat(auth.post("/_auth/mfa/authenticator/list", withToken("{}", token), key(APP_MFA_REQUIRED, WEB))
                .status()).isEqualTo(200);
    }

    @Test
    void setupWithATokenIsRefusedOnceTheUserHasAnAuthenticator() {
        Enrolled user = MfaUsers.enrollWithToken(auth, uniqueName("setup"));
        String token = authnToken(MfaUsers.login(auth, APP_MFA_REQUIRED, WEB, user.username()));

        Reply reply = auth.post("/_auth/mfa/totp/new", withToken("{\"display_name\":\"attacker\"}", token),
                key(APP_MFA_REQUIRED, WEB));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.error().get("reason").asString()).isEqualTo("NotAuthenticated");
    }

    static void assertInvalid(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.error().get("name").asString()).isEqualTo("Invalid");
        assertThat(reply.error().get("reason").asString()).isEqualTo("InvalidAuthenticationSession");
    }

    static JsonNode claims(String jwt) {
        return Json.mapper().readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }
}
