package io.skygear.auth;

import static io.skygear.auth.AuthFixture.APP_A;
import static io.skygear.auth.AuthFixture.APP_B;
import static io.skygear.auth.AuthFixture.COOKIE;
import static io.skygear.auth.AuthFixture.NO_REFRESH;
import static io.skygear.auth.AuthFixture.PASSWORD;
import static io.skygear.auth.AuthFixture.WEB;
import static io.skygear.auth.AuthFixture.bearer;
import static io.skygear.auth.AuthFixture.headers;
import static io.skygear.auth.AuthFixture.key;
import static io.skygear.auth.AuthFixture.master;
import static io.skygear.auth.AuthFixture.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.auth.AuthFixture.Login;
import io.skygear.auth.AuthFixture.Reply;
import io.skygear.core.http.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/** {@code POST /_auth/me}: the caller's user and the identity of the current session. */
class MeTest {

    static AuthFixture auth;

    @BeforeAll
    static void start() {
        auth = AuthFixture.start();
    }

    @AfterAll
    static void stop() {
        auth.close();
    }

    static Reply me(String... headers) {
        return auth.post("/_auth/me", "{}", headers);
    }

    static JsonNode json(String text) {
        return Json.mapper().readTree(text);
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Success {

        @Test
        void returnsTheUserAndTheSessionIdentity() {
            String name = uniqueName("me");
            Login signup = auth.signup(APP_A, """
                    {"login_ids":[{"key":"email","value":"%1$s@example.com"},{"key":"username","value":"%1$s"}],
                     "password":"%2$s","metadata":{"color":"blue"}}""".formatted(name, PASSWORD));
            Login byUsername = auth.login(name);

            Reply reply = me(headers(key(), bearer(byUsername.accessToken())));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.result().propertyNames()).containsExactlyInAnyOrder("user", "identity");
            assertThat(reply.result().get("user")).isEqualTo(signup.result().get("user"));
            JsonNode identity = reply.result().get("identity");
            assertThat(identity.get("login_id_key").asString()).isEqualTo("username");
            assertThat(identity.get("id").asString()).isNotEqualTo(signup.result().get("identity").get("id").asString());
            assertThat(identity.propertyNames()).containsExactlyInAnyOrder("id", "type", "login_id_key", "login_id", "claims");
            assertThat(reply.result().get("user").get("metadata")).isEqualTo(json("{\"color\":\"blue\"}"));
        }

        @Test
        void tokenAloneIsEnoughKey() {
            Login login = auth.signup(uniqueName("keyless"));

            assertThat(me(bearer(login.accessToken())).status()).isEqualTo(200);
        }

        @Test
        void masterKeyWithATokenSeesTheUser() {
            Login login = auth.signup(uniqueName("master"));

            Reply reply = me(headers(master(APP_A), bearer(login.accessToken())));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.result().get("user").get("id").asString()).isEqualTo(login.userId());
        }

        @Test
        void cookieClientUsesTheSessionCookie() {
            Reply signup = auth.post("/_auth/signup", """
                    {"login_ids":[{"key":"username","value":"%s"}],"password":"%s"}""".formatted(uniqueName("jar"),
                    PASSWORD), key(APP_A, COOKIE));
            String cookie = signup.cookies().getFirst().split(";", 2)[0];

            Reply reply = me(headers(key(APP_A, COOKIE), new String[] {"Cookie", cookie}));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.result().get("user").get("id")).isEqualTo(signup.result().get("user").get("id"));
        }

        @Test
        void disableWithAnExpiryInThePastDoesNotBlock() {
            Login login = auth.signup(uniqueName("lapsed"));
            auth.disable(login.userId(), "was bad", auth.clock.instant().minusSeconds(60));

            Reply reply = me(headers(key(), bearer(login.accessToken())));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.result().get("user").get("is_disabled").asBoolean()).isTrue();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Refused {

        @Test
        void withoutTokenIsNotAuthenticatedWithTryRefresh() {
            Reply reply = me(key());

            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.error()).isEqualTo(json("""
                    {"name":"Unauthorized","reason":"NotAuthenticated","message":"authentication required","code":401}"""));
            assertThat(reply.header("x-skygear-try-refresh-token")).hasValue("true");
        }

        @Test
        void withoutKeyOrTokenIsApiKeyRequired() {
            Reply reply = me();

            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.error().get("reason").asString()).isEqualTo("AccessKeyNotAccepted");
            assertThat(reply.header("x-skygear-try-refresh-token")).isEmpty();
        }

        @Test
        void invalidTokenIsNotAuthenticated() {
            Login login = auth.signup(uniqueName("forged"));
            String forged = login.sessionId() + ".ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ";

            assertThat(me(headers(key(), bearer(forged))).status()).isEqualTo(401);
            assertThat(me(headers(key(), bearer("garbage"))).status()).isEqualTo(401);
        }

        @Test
        void tokenOfOneClientWithTheKeyOfAnotherIsNotAuthenticated() {
            Login login = auth.signup(uniqueName("mixed"));

            assertThat(me(headers(key(APP_A, NO_REFRESH), bearer(login.accessToken()))).status()).isEqualTo(401);
        }

        @Test
        void cookieClientTokenInTheHeaderIsNotAuthenticated() {
            Reply signup = auth.post("/_auth/signup", """
                    {"login_ids":[{"key":"username","value":"%s"}],"password":"%s"}""".formatted(uniqueName("jar"),
                    PASSWORD), key(APP_A, COOKIE));
            String token = signup.cookies().getFirst().split(";", 2)[0].substring("session=".length());

            assertThat(me(headers(key(APP_A, COOKIE), bearer(token))).status()).isEqualTo(401);
        }

        @Test
        void tokenOfAnotherTenantIsNotAuthenticated() {
            Login login = auth.signup(uniqueName("abroad"));

            assertThat(me(headers(key(APP_B, WEB), bearer(login.accessToken()))).status()).isEqualTo(401);
            assertThat(me(headers(new String[] {AuthFixture.APP_HEADER, APP_B}, bearer(login.accessToken()))).status())
                    .isEqualTo(401);
        }

        @Test
        void expiredAccessTokenIsNotAuthenticated() {
            Login login = auth.signup(uniqueName("expired"));
            Instant now = auth.clock.instant();
            try {
                auth.clock.advance(Duration.ofSeconds(1801));
                assertThat(me(headers(key(), bearer(login.accessToken()))).status()).isEqualTo(401);
            } finally {
                auth.clock.set(now);
            }
        }

        @Test
        void disabledUserIsForbiddenWithExpiryAndMessage() {
            Login login = auth.signup(uniqueName("banned"));
            Instant expiry = auth.clock.instant().plus(Duration.ofHours(5)).truncatedTo(ChronoUnit.SECONDS);
            auth.disable(login.userId(), "see support", expiry);

            Reply reply = me(headers(key(), bearer(login.accessToken())));

            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.error()).isEqualTo(json("""
                    {"name":"Forbidden","reason":"UserDisabled","message":"user is disabled","code":403,
                     "info":{"expiry":"%s","message":"see support"}}""".formatted(expiry)));
            assertThat(reply.header("x-skygear-try-refresh-token")).isEmpty();
        }

        @Test
        void bodyMustBeAJsonObject() {
            Login login = auth.signup(uniqueName("body"));

            assertThat(auth.post("/_auth/me", "[]", headers(key(), bearer(login.accessToken()))).status()).isEqualTo(400);
            assertThat(auth.post("/_auth/me", "{", headers(key(), bearer(login.accessToken()))).status()).isEqualTo(400);
            assertThat(auth.post("/_auth/me", "{\"anything\":1}", headers(key(), bearer(login.accessToken()))).status())
                    .isEqualTo(200);
        }
    }
}
