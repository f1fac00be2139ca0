package io.skygear.auth;

import static io.skygear.auth.AuthFixture.APP_A;
import static io.skygear.auth.AuthFixture.APP_B;
import static io.skygear.auth.AuthFixture.APP_HEADER;
import static io.skygear.auth.AuthFixture.COOKIE;
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
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Acceptance: tenants {@value AuthFixture#APP_A} and {@value AuthFixture#APP_B}, served by one gear from one
 * database, share nothing. A's users, access tokens, refresh tokens, session ids, keys and login
 * attempts mean nothing at B, and the same login ID is two users.
 */
class TenantIsolationTest {

    static final int PER_LOGIN_ID = 3;
    static final int PER_IP = 5;

    static AuthFixture auth;

    /** Every login of this class comes from an address of its own unless a test picks one. */
    static final AtomicInteger ADDRESSES = new AtomicInteger();

    @BeforeAll
    static void start() {
        auth = AuthFixture.start(AuthFixture.settings()
                .loginLimitPerLoginId(new AuthSettings.RateLimit(PER_LOGIN_ID, Duration.ofMinutes(1)))
                .loginLimitPerIp(new AuthSettings.RateLimit(PER_IP, Duration.ofMinutes(1)))
                .build());
    }

    @AfterAll
    static void stop() {
        auth.close();
    }

    static Login signup(String appId, String loginId) {
        return signup(appId, loginId, PASSWORD);
    }

    static Login signup(String appId, String loginId, String password) {
        return auth.signup(appId, """
                {"login_ids":[{"key":"username","value":"%s"}],"password":"%s"}""".formatted(loginId, password));
    }

    static Reply login(String appId, String loginId, String password) {
        return login(appId, loginId, password, "10.1." + (ADDRESSES.incrementAndGet() / 250) + "." + (ADDRESSES.get() % 250));
    }

    static Reply login(String appId, String loginId, String password, String ip) {
        return auth.post("/_auth/login", """
                {"login_id":"%s","password":"%s"}""".formatted(loginId, password),
                headers(key(appId, WEB), new String[] {"X-Real-IP", ip}));
    }

    static Login loggedIn(String appId, String loginId) {
        Reply reply = login(appId, loginId, PASSWORD);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode result = reply.result();
        return new Login(result.get("user").get("id").asString(), result.get("session_id").asString(),
                result.get("access_token").asString(), java.util.Optional.ofNullable(result.get("refresh_token"))
                .map(JsonNode::asString), result);
    }

    /** {@code path} at {@code appId} as client web with {@code token}. */
    static Reply asUser(String appId, String path, String body, String token) {
        return auth.post("/_auth/" + path, body, headers(key(appId, WEB), bearer(token)));
    }

    static Reply me(String appId, String token) {
        return asUser(appId, "me", "{}", token);
    }

    static void assertError(Reply reply, int status, String reason) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.error().get("reason").asString()).as(reply.body()).isEqualTo(reason);
        assertThat(reply.error().get("code").asInt()).isEqualTo(status);
    }

    static Set<String> sessionIds(String appId, String token) {
        Reply reply = asUser(appId, "session/list", "{}", token);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return StreamSupport.stream(reply.result().get("sessions").spliterator(), false)
                .map(s -> s.get("id").asString()).collect(Collectors.toSet());
    }

    @Nested
    class TokensOfA {

        @Test
        void anAccessTokenOfAIsNotAuthenticatedAtAnyUserEndpointOfBAndLeavesItsSessionAlone() {
            String name = uniqueName("alice");
            Login a = signup(APP_A, name);
            Login otherSession = loggedIn(APP_A, name);
            Map<String, String> calls = Map.of(
                    "me", "{}",
                    "session/list", "{}",
                    "session/get", "{\"session_id\":\"%s\"}".formatted(a.sessionId()),
                    "session/revoke", "{\"session_id\":\"%s\"}".formatted(otherSession.sessionId()),
                    "session/revoke_all", "{}",
                    "change_password", "{\"old_password\":\"%s\",\"password\":\"hijacked-pw\"}".formatted(PASSWORD),
                    "logout", "{}");

            calls.forEach((path, body) -> {
                assertError(asUser(APP_B, path, body, a.accessToken()), 401, "NotAuthenticated");
                assertThat(auth.post("/_auth/" + path, body, headers(new String[] {APP_HEADER, APP_B},
                        bearer(a.accessToken()))).status()).as(path + " without key").isEqualTo(401);
            });
            Reply metadata = asUser(APP_B, "update_metadata", "{\"metadata\":{\"owned\":true}}", a.accessToken());
            assertThat(metadata.status()).as(metadata.body()).isEqualTo(401);

            Reply stillMe = me(APP_A, a.accessToken());
            assertThat(stillMe.status()).isEqualTo(200);
            assertThat(stillMe.result().get("user").get("metadata").isEmpty()).isTrue();
            assertThat(sessionIds(APP_A, a.accessToken())).containsExactlyInAnyOrder(a.sessionId(), otherSession.sessionId());
            assertThat(me(APP_A, otherSession.accessToken()).status()).isEqualTo(200);
            assertThat(login(APP_A, name, PASSWORD).status()).as("password unchanged").isEqualTo(200);
        }

        @Test
        void aSessionCookieOfAIsNotAuthenticatedAtB() {
            Reply signup = auth.post("/_auth/signup", """
                    {"login_ids":[{"key":"username","value":"%s"}],"password":"%s"}"""
                    .formatted(uniqueName("cookie"), PASSWORD), key(APP_A, COOKIE));
            String cookie = signup.cookies().stream().filter(c -> c.startsWith("session=")).findFirst().orElseThrow()
                    .split(";", 2)[0];

            assertError(auth.post("/_auth/me", "{}", headers(key(APP_B, COOKIE), new String[] {"Cookie", cookie})),
                    401, "NotAuthenticated");
            assertThat(auth.post("/_auth/me", "{}", headers(key(APP_A, COOKIE), new String[] {"Cookie", cookie}))
                    .status()).isEqualTo(200);
        }

        @Test
        void aRefreshTokenOfAIsNotAcceptedAtB() {
            Login a = signup(APP_A, uniqueName("refresher"));
            String body = "{\"refresh_token\":\"%s\"}".formatted(a.refreshToken().orElseThrow());

            assertError(auth.post("/_auth/refresh", body, key(APP_B, WEB)), 401, "NotAuthenticated");

            assertThat(me(APP_A, a.accessToken()).status()).as("the access token was not rotated").isEqualTo(200);
            Reply atA = auth.post("/_auth/refresh", body, key(APP_A, WEB));
            assertThat(atA.status()).isEqualTo(200);
            assertThat(me(APP_A, atA.result().get("access_token").asString()).status()).isEqualTo(200);
        }

        @Test
        void theKeysOfAAreNotKeysOfB() {
            Reply signup = auth.post("/_auth/signup", """
                    {"login_ids":[{"key":"username","value":"%s"}],"password":"%s"}"""
                    .formatted(uniqueName("keyless"), PASSWORD),
                    APP_HEADER, APP_B, "X-Skygear-API-Key", AuthFixture.apiKey(APP_A, WEB));
            assertError(signup, 401, "AccessKeyNotAccepted");

            Login b = signup(APP_B, uniqueName("bob"));
            Reply reset = auth.post("/_auth/reset_password", """
                    {"user_id":"%s","password":"taken-over-pw"}""".formatted(b.userId()),
                    APP_HEADER, APP_B, "X-Skygear-API-Key", AuthFixture.masterKey(APP_A));
            assertThat(reset.status()).as(reset.body()).isEqualTo(401);
            assertThat(me(APP_B, b.accessToken()).status()).isEqualTo(200);
        }
    }

    @Nested
    class MasterKeyOfB {

        @Test
        void cannotFindUsersOfA() {
            String name = uniqueName("admin-target");
            Login a = signup(APP_A, name);

            assertError(auth.post("/_auth/update_metadata", """
                    {"user_id":"%s","metadata":{"owned":true}}""".formatted(a.userId()), master(APP_B)),
                    404, "UserNotFound");
            assertError(auth.post("/_auth/disable/set", """
                    {"user_id":"%s","disabled":true,"message":"bye"}""".formatted(a.userId()), master(APP_B)),
                    404, "UserNotFound");
            assertError(auth.post("/_auth/reset_password", """
                    {"user_id":"%s","password":"taken-over-pw"}""".formatted(a.userId()), master(APP_B)),
                    404, "UserNotFound");

            Reply stillMe = me(APP_A, a.accessToken());
            assertThat(stillMe.status()).isEqualTo(200);
            assertThat(stillMe.result().get("user").get("metadata").isEmpty()).isTrue();
            assertThat(stillMe.result().get("user").get("is_disabled").asBoolean()).isFalse();
            assertThat(login(APP_A, name, PASSWORD).status()).isEqualTo(200);
            assertThat(login(APP_A, name, "taken-over-pw").status()).isEqualTo(401);
        }
    }

    @Nested
    class SessionsOfA {

        @Test
        void aUserOfBCannotGetOrRevokeASessionOfA() {
            Login a = signup(APP_A, uniqueName("carol"));
            Login b = signup(APP_B, uniqueName("dave"));

            assertError(asUser(APP_B, "session/get", "{\"session_id\":\"%s\"}".formatted(a.sessionId()), b.accessToken()),
                    404, "SessionNotFound");
            Reply revoke = asUser(APP_B, "session/revoke", "{\"session_id\":\"%s\"}".formatted(a.sessionId()),
                    b.accessToken());
            assertThat(revoke.status()).as(revoke.body()).isIn(200, 404);

            assertThat(me(APP_A, a.accessToken()).status()).isEqualTo(200);
        }

        @Test
        void sessionListsNeverCrossEvenForTheSameLoginId() {
            String name = uniqueName("twin");
            Login a1 = signup(APP_A, name);
            Login a2 = loggedIn(APP_A, name);
            Login b1 = signup(APP_B, name);
            Login b2 = loggedIn(APP_B, name);

            assertThat(sessionIds(APP_A, a1.accessToken())).containsExactlyInAnyOrder(a1.sessionId(), a2.sessionId());
            assertThat(sessionIds(APP_B, b1.accessToken())).containsExactlyInAnyOrder(b1.sessionId(), b2.sessionId());

            assertThat(asUser(APP_A, "session/revoke_all", "{}", a1.accessToken()).status()).isEqualTo(200);

            assertThat(sessionIds(APP_A, a1.accessToken())).containsExactly(a1.sessionId());
            assertThat(sessionIds(APP_B, b2.accessToken())).containsExactlyInAnyOrder(b1.sessionId(), b2.sessionId());
            assertThat(me(APP_B, b1.accessToken()).status()).isEqualTo(200);
        }
    }

    @Nested
    class LoginIds {

        @Test
        void theSameLoginIdSignsUpAtBothTenantsAsTwoUsers() {
            String name = uniqueName("same");
            String email = name + "@example.com";
            Login a = auth.signup(APP_A, """
                    {"login_ids":[{"key":"username","value":"%s"},{"key":"email","value":"%s"}],"password":"%s"}"""
                    .formatted(name, email, PASSWORD));
            Login b = auth.signup(APP_B, """
                    {"login_ids":[{"key":"username","value":"%s"},{"key":"email","value":"%s"}],"password":"%s"}"""
                    .formatted(name, email.toUpperCase(), "other-pw-2"));

            assertThat(b.userId()).isNotEqualTo(a.userId());
            assertThat(me(APP_A, a.accessToken()).result().get("user").get("id").asString()).isEqualTo(a.userId());
            assertThat(me(APP_B, b.accessToken()).result().get("user").get("id").asString()).isEqualTo(b.userId());
            assertThat(login(APP_A, email, PASSWORD).result().get("user").get("id").asString()).isEqualTo(a.userId());
            assertThat(login(APP_B, email, "other-pw-2").result().get("user").get("id").asString()).isEqualTo(b.userId());
        }

        @Test
        void credentialsOfAFailAtBLikeAnUnknownLoginId() {
            String name = uniqueName("only-a");
            signup(APP_A, name);

            Reply atB = login(APP_B, name, PASSWORD);
            Reply unknown = login(APP_B, uniqueName("nobody"), PASSWORD);

            assertThat(atB.status()).isEqualTo(401);
            assertThat(atB.error()).isEqualTo(unknown.error());
        }

        @Test
        void eachTenantChecksItsOwnPassword() {
            String name = uniqueName("split");
            signup(APP_A, name, "password-of-a");
            signup(APP_B, name, "password-of-b");

            assertThat(login(APP_B, name, "password-of-a").status()).isEqualTo(401);
            assertThat(login(APP_A, name, "password-of-b").status()).isEqualTo(401);
            assertThat(login(APP_A, name, "password-of-a").status()).isEqualTo(200);
            assertThat(login(APP_B, name, "password-of-b").status()).isEqualTo(200);
        }
    }

    @Nested
    class RateLimits {

        @Test
        void exhaustingALoginIdAtADoesNotLimitItAtB() {
            String name = uniqueName("limited");
            signup(APP_A, name);
            signup(APP_B, name);
            for (int i = 0; i < PER_LOGIN_ID; i++) {
                assertThat(login(APP_A, name, "wrong-password").status()).isEqualTo(401);
            }
            assertError(login(APP_A, name, PASSWORD), 429, "TooManyRequest");

            assertThat(login(APP_B, name, PASSWORD).status()).isEqualTo(200);
        }

        @Test
        void exhaustingAnAddressAtADoesNotLimitItAtB() {
            String ip = "198.51.100.77";
            for (int i = 0; i < PER_IP; i++) {
                assertThat(login(APP_A, uniqueName("spray"), PASSWORD, ip).status()).isEqualTo(401);
            }
            assertThat(login(APP_A, uniqueName("spray"), PASSWORD, ip).status()).isEqualTo(429);

            String name = uniqueName("neighbour");
            signup(APP_B, name);
            assertThat(login(APP_B, name, PASSWORD, ip).status()).isEqualTo(200);
        }
    }

    /** The premise of this class: one database holds both tenants' rows, told apart by app_id only. */
    @Test
    void bothTenantsLiveInOneDatabase() {
        Login a = signup(APP_A, uniqueName("where"));
        Login b = signup(APP_B, uniqueName("where"));

        assertThat(auth.sql().fetchValue("SELECT app_id FROM app._core_user WHERE id = ?", a.userId())).isEqualTo(APP_A);
        assertThat(auth.sql().fetchValue("SELECT app_id FROM app._core_user WHERE id = ?", b.userId())).isEqualTo(APP_B);
    }
}
