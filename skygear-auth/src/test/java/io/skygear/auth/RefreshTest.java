package io.skygear.auth;

import static io.skygear.auth.AuthFixture.APP_A;
import static io.skygear.auth.AuthFixture.APP_B;
import static io.skygear.auth.AuthFixture.WEB;
import static io.skygear.auth.AuthFixture.bearer;
import static io.skygear.auth.AuthFixture.headers;
import static io.skygear.auth.AuthFixture.key;
import static io.skygear.auth.AuthFixture.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.auth.AuthFixture.Login;
import io.skygear.auth.AuthFixture.Reply;
import io.skygear.core.http.Json;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /_auth/refresh}: a new access token for the same session, or 401/403. */
class RefreshTest {

    static AuthFixture auth;

    @BeforeAll
    static void start() {
        auth = AuthFixture.start();
    }

    @AfterAll
    static void stop() {
        auth.close();
    }

    static Reply refresh(String refreshToken, String... headers) {
        return auth.post("/_auth/refresh", "{\"refresh_token\":\"" + refreshToken + "\"}", headers);
    }

    static Reply me(String token) {
        return auth.post("/_auth/me", "{}", headers(key(), bearer(token)));
    }

    static void assertNotAuthenticated(Reply reply) {
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.error()).isEqualTo(Json.mapper().readTree("""
                {"name":"Unauthorized","reason":"NotAuthenticated","message":"authentication required","code":401}"""));
    }

    @Test
    void refreshIssuesANewAccessTokenForTheSameSession() {
        Login login = auth.signup(uniqueName("fresh"));

        Reply reply = refresh(login.refreshToken().orElseThrow(), key());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.result().propertyNames()).containsExactly("access_token");
        String token = reply.result().get("access_token").asString();
        assertThat(token).startsWith(login.sessionId() + ".").isNotEqualTo(login.accessToken());
        assertThat(me(token).status()).isEqualTo(200);
        assertThat(me(token).result().get("user").get("id").asString()).isEqualTo(login.userId());
        assertThat(me(login.accessToken()).status()).as("the old access token").isEqualTo(401);
        assertThat(refresh(login.refreshToken().orElseThrow(), key()).status()).as("refresh token stays").isEqualTo(200);
    }

    @Test
    void emptyRefreshTokenIsNotAuthenticated() {
        assertNotAuthenticated(refresh("", key()));
    }

    @Test
    void garbageOrAccessTokenIsNotAuthenticated() {
        Login login = auth.signup(uniqueName("garbage"));

        assertNotAuthenticated(refresh("not-a-token", key()));
        assertNotAuthenticated(refresh(login.sessionId() + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", key()));
        assertNotAuthenticated(refresh(login.accessToken(), key()));
    }

    @Test
    void missingRefreshTokenIsRequired() {
        Reply reply = auth.post("/_auth/refresh", "{}", key());

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error().get("info").get("causes").get(0).get("pointer").asString()).isEqualTo("/refresh_token");
    }

    @Test
    void withoutKeyIsApiKeyRequired() {
        Login login = auth.signup(uniqueName("nokey"));

        Reply reply = refresh(login.refreshToken().orElseThrow());

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.error().get("reason").asString()).isEqualTo("AccessKeyNotAccepted");
    }

    @Test
    void refreshTokenOfAnotherTenantIsNotAuthenticated() {
        Login login = auth.signup(uniqueName("abroad"));

        assertNotAuthenticated(refresh(login.refreshToken().orElseThrow(), key(APP_B, WEB)));
        assertThat(refresh(login.refreshToken().orElseThrow(), key(APP_A, WEB)).status()).isEqualTo(200);
    }

    @Test
    void disabledUserIsRefused() {
        Login login = auth.signup(uniqueName("disabled"));
        auth.disable(login.userId(), "read-only", null);

        Reply reply = refresh(login.refreshToken().orElseThrow(), key());

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.error().get("reason").asString()).isEqualTo("UserDisabled");
        assertThat(reply.error().get("info").get("message").asString()).isEqualTo("read-only");
    }

    @Test
    void expiredRefreshTokenIsNotAuthenticated() {
        Login login = auth.signup(uniqueName("stale"));
        Instant now = auth.clock.instant();
        try {
            auth.clock.advance(Duration.ofSeconds(86_401));
            assertNotAuthenticated(refresh(login.refreshToken().orElseThrow(), key()));
        } finally {
            auth.clock.set(now);
        }
    }
}
