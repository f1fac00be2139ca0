package io.skygear.auth;

import static io.skygear.auth.AuthFixture.APP_MFA_REQUIRED;
import static io.skygear.auth.AuthFixture.COOKIE;
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
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** "Trust this device": {@code request_bearer_token}, {@code /_auth/mfa/bearer_token/authenticate|revoke_all}. */
class MfaBearerTokenTest {

    static AuthFixture auth;

    @BeforeAll
    static void start() {
        auth = AuthFixture.start();
    }

    @AfterAll
    static void stop() {
        auth.close();
    }

    static String loginToken(Enrolled user, String client) {
        return authnToken(MfaUsers.login(auth, user.appId(), client, user.username()));
    }

    /** Completes a login with TOTP asking for a bearer token; returns the answer. */
    static Reply totpWithBearer(Enrolled user, String client, int stepOffset) {
        return auth.post("/_auth/mfa/totp/authenticate", withToken("{\"otp\":\"" + code(auth, user.secret(), stepOffset)
                + "\",\"request_bearer_token\":true}", loginToken(user, client)), key(user.appId(), client));
    }

    static Reply bearerLogin(Enrolled user, String bearerToken) {
        return auth.post("/_auth/mfa/bearer_token/authenticate",
                withToken("{\"bearer_token\":\"" + bearerToken + "\"}", loginToken(user, WEB)), key(user.appId(), WEB));
    }

    @Test
    void aBearerTokenRequestedWithTotpCompletesLaterLogins() {
        Enrolled user = MfaUsers.enrollWithToken(auth, uniqueName("trusted"));
        Reply first = totpWithBearer(user, WEB, 1);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        String bearerToken = first.result().get("mfa_bearer_token").asString();
        assertThat(bearerToken).matches("[0-9A-HJKMNP-TV-Z]{64}");

        Reply later = bearerLogin(user, bearerToken);

        assertThat(later.status()).as(later.body()).isEqualTo(200);
        assertThat(later.result().get("user").get("id").asString()).isEqualTo(user.userId());
        assertThat(later.result().has("mfa_bearer_token")).isFalse();
        assertThat(auth.count("SELECT count(*) FROM app._auth_authenticator_bearer_token WHERE token = ?", bearerToken))
                .as("stored hashed").isZero();
    }

    @Test
    void expiredRevokedUnknownAndOtherUsersTokensAreInvalid() {
        Enrolled user = MfaUsers.enrollWithToken(auth, uniqueName("expire"));
        Enrolled other = MfaUsers.enrollWithToken(auth, uniqueName("other"));
        String token = totpWithBearer(user, WEB, 1).result().get("mfa_bearer_token").asString();
        String othersToken = totpWithBearer(other, WEB, 1).result().get("mfa_bearer_token").asString();

        assertThat(bearerLogin(user, "0".repeat(64)).error().get("reason").asString()).isEqualTo("InvalidMFABearerToken");
        assertThat(bearerLogin(user, othersToken).status()).isEqualTo(401);

        auth.clock.advance(Duration.ofDays(30).plusSeconds(1));
        Reply expired = bearerLogin(user, token);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.error().get("message").asString()).isEqualTo("invalid bearer token");
    }

    @Test
    void revokeAllForgetsEveryTrustedDevice() {
        Enrolled user = MfaUsers.enrollWithToken(auth, uniqueName("revoke"));
        Reply login = totpWithBearer(user, WEB, 1);
        String token = login.result().get("mfa_bearer_token").asString();

        Reply revoke = auth.post("/_auth/mfa/bearer_token/revoke_all", "{}",
                headers(key(user.appId(), WEB), bearer(login.result().get("access_token").asString())));

        assertThat(revoke.status()).isEqualTo(200);
        assertThat(bearerLogin(user, token).status()).isEqualTo(401);
    }

    @Test
    void cookieClientsGetTheTokenInACookieScopedToTheBearerEndpointAndSendItBack() {
        Enrolled user = MfaUsers.enrollWithToken(auth, uniqueName("cookie"));

        Reply reply = totpWithBearer(user, COOKIE, 1);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.result().has("mfa_bearer_token")).isFalse();
        String cookie = reply.cookies().stream().filter(c -> c.startsWith("mfa_bearer_token=")).findFirst().orElseThrow();
        assertThat(cookie).contains("Path=/_auth/mfa/bearer_token/authenticate").contains("HttpOnly")
                .contains("Max-Age=" + 30 * 86_400);
        String value = cookie.substring("mfa_bearer_token=".length(), cookie.indexOf(';'));

        Reply later = auth.post("/_auth/mfa/bearer_token/authenticate", withToken("{}", loginToken(user, COOKIE)),
                headers(key(APP_MFA_REQUIRED, COOKIE), new String[] {"Cookie", "mfa_bearer_token=" + value}));
        assertThat(later.status()).as(later.body()).isEqualTo(200);

        Reply refused = auth.post("/_auth/mfa/bearer_token/authenticate", withToken("{}", loginToken(user, COOKIE)),
                headers(key(APP_MFA_REQUIRED, COOKIE), new String[] {"Cookie", "mfa_bearer_token=" + "1".repeat(64)}));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.cookies()).as("the cookie is cleared")
                .anyMatch(c -> c.startsWith("mfa_bearer_token=;") && c.contains("Expires=Thu, 01 Jan 1970"));
    }
}
