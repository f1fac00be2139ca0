package io.skygear.auth;

import static io.skygear.auth.AuthFixture.APP_MFA;
import static io.skygear.auth.AuthFixture.WEB;
import static io.skygear.auth.AuthFixture.bearer;
import static io.skygear.auth.AuthFixture.headers;
import static io.skygear.auth.AuthFixture.key;
import static io.skygear.auth.AuthFixture.uniqueName;
import static io.skygear.auth.MfaUsers.authnToken;
import static io.skygear.auth.MfaUsers.code;
import static io.skygear.auth.MfaUsers.withToken;
import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.auth.AuthFixture.Reply;
import io.skygear.auth.MfaUsers.Enrolled;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /_auth/mfa/authenticator/list|delete}: what is listed, whose authenticators may be deleted. */
class MfaAuthenticatorTest {

    static AuthFixture auth;

    @BeforeAll
    static void start() {
        auth = AuthFixture.start();
    }

    @AfterAll
    static void stop() {
        auth.close();
    }

    /** The access token of a completed MFA login of {@code user}. */
    static String[] session(Enrolled user) {
        String token = authnToken(MfaUsers.login(auth, user.appId(), WEB, user.username()));
        Reply reply = auth.post("/_auth/mfa/totp/authenticate",
                withToken("{\"otp\":\"" + code(auth, user.secret(), 1) + "\"}", token), key(user.appId(), WEB));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return headers(key(user.appId(), WEB), bearer(reply.result().get("access_token").asString()));
    }

    @Test
    void listShowsTheActivatedTotpWithoutItsSecret() {
        Enrolled user = MfaUsers.enrollOnSession(auth, uniqueName("list"));
        String token = authnToken(MfaUsers.login(auth, APP_MFA, WEB, user.username()));

        Reply reply = auth.post("/_auth/mfa/authenticator/list", withToken("{}", token), key(APP_MFA, WEB));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode list = reply.result().get("authenticators");
        assertThat(list).hasSize(1);
        JsonNode totp = list.get(0);
        assertThat(totp.get("type").asString()).isEqualTo("totp");
        assertThat(totp.get("display_name").asString()).isEqualTo("phone");
        assertThat(totp.has("created_at")).isTrue();
        assertThat(totp.has("activated_at")).isTrue();
        assertThat(totp.has("secret")).isFalse();
    }

    @Test
    void deletingAnotherUsersAuthenticatorIsNotFoundAndKeepsIt() {
        Enrolled alice = MfaUsers.enrollOnSession(auth, uniqueName("alice"));
        Enrolled mallory = MfaUsers.enrollOnSession(auth, uniqueName("mallory"));
        String[] malloryHeaders = session(mallory);
        String aliceAuthenticator = auth.sql().fetchValue(
                "SELECT id FROM app._auth_authenticator WHERE user_id = ? AND type = 'totp'", alice.userId()).toString();

        Reply reply = auth.post("/_auth/mfa/authenticator/delete",
                "{\"authenticator_id\":\"" + aliceAuthenticator + "\"}", malloryHeaders);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.error().get("reason").asString()).isEqualTo("AuthenticatorNotFound");
        assertThat(auth.count("SELECT count(*) FROM app._auth_authenticator_totp WHERE id = ?", aliceAuthenticator))
                .isEqualTo(1);
    }

    @Test
    void deletingTheOnlyAuthenticatorDropsRecoveryCodesAndEndsTheMfaStep() {
        Enrolled user = MfaUsers.enrollOnSession(auth, uniqueName("delete"));
        String[] session = session(user);
        String id = auth.post("/_auth/mfa/authenticator/list", "{}", session).result().get("authenticators").get(0)
                .get("id").asString();

        Reply reply = auth.post("/_auth/mfa/authenticator/delete", "{\"authenticator_id\":\"" + id + "\"}", session);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(auth.post("/_auth/mfa/authenticator/list", "{}", session).result().get("authenticators")).isEmpty();
        assertThat(auth.count("SELECT count(*) FROM app._auth_authenticator WHERE user_id = ?", user.userId())).isZero();
        assertThat(MfaUsers.login(auth, APP_MFA, WEB, user.username()).status())
                .as("optional enforcement: no authenticator, no step").isEqualTo(200);
    }

    @Test
    void deleteNeedsALoggedInUserAndAnId() {
        Enrolled user = MfaUsers.enrollOnSession(auth, uniqueName("anon"));
        String token = authnToken(MfaUsers.login(auth, APP_MFA, WEB, user.username()));

        Reply anonymous = auth.post("/_auth/mfa/authenticator/delete",
                withToken("{\"authenticator_id\":\"x\"}", token), key(APP_MFA, WEB));
        Reply noId = auth.post("/_auth/mfa/authenticator/delete", "{}", session(user));

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(noId.status()).isEqualTo(400);
        assertThat(noId.error().get("reason").asString()).isEqualTo("ValidationFailed");
    }
}
