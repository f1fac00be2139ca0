package io.skygear.auth;

import static io.skygear.auth.AuthFixture.APP_A;
import static io.skygear.auth.AuthFixture.APP_B;
import static io.skygear.auth.AuthFixture.APP_HOOKS;
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
import io.skygear.core.http.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.security.crypto.bcrypt.BCrypt;
import tools.jackson.databind.JsonNode;

/** {@code POST /_auth/login}: success, credentials, validation, disabled users, hash upgrade, hooks, audit. */
class LoginTest {

    static AuthFixture auth;

    @BeforeAll
    static void start() {
        auth = AuthFixture.start();
    }

    @AfterAll
    static void stop() {
        auth.close();
    }

    static Reply login(String loginId, String password, String... headers) {
        return auth.post("/_auth/login", """
                {"login_id":"%s","password":"%s"}""".formatted(loginId, password), headers);
    }

    static JsonNode json(String text) {
        return Json.mapper().readTree(text);
    }

    /** A user with an e-mail and a username login ID. */
    static Login user(String name) {
        return auth.signup(APP_A, """
                {"login_ids":[{"key":"email","value":"%1$s@example.com"},{"key":"username","value":"%1$s"}],
                 "password":"%2$s"}""".formatted(name, PASSWORD));
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Success {

        @Test
        void usernameAndPasswordOpenANewSessionWithThatIdentity() {
            String name = uniqueName("alice");
            Login signup = user(name);
            auth.clock.advance(Duration.ofMinutes(1));

            Reply reply = login(name, PASSWORD, key());

            assertThat(reply.status()).isEqualTo(200);
            JsonNode result = reply.result();
            assertThat(result.get("user").get("id").asString()).isEqualTo(signup.userId());
            assertThat(result.get("user").get("last_login_at").asString())
                    .isEqualTo(auth.clock.instant().truncatedTo(ChronoUnit.MICROS).toString());
            assertThat(result.get("identity").get("login_id_key").asString()).isEqualTo("username");
            assertThat(result.get("identity").get("login_id").asString()).isEqualTo(name);
            assertThat(result.get("identity").get("claims")).isEqualTo(json("{}"));
            assertThat(result.get("session_id").asString()).isNotEqualTo(signup.sessionId());
            assertThat(result.get("access_token").asString()).startsWith(result.get("session_id").asString() + ".");
            assertThat(result.has("refresh_token")).isTrue();

            Reply me = auth.post("/_auth/me", "{}", headers(key(), bearer(result.get("access_token").asString())));
            assertThat(me.result().get("identity").get("login_id").asString()).isEqualTo(name);
        }

        @Test
        void emailMatchesWhateverItsCase() {
            String name = uniqueName("bob");
            user(name);

            Reply reply = login(name.toUpperCase() + "@EXAMPLE.COM", PASSWORD, key());

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.result().get("identity").get("login_id_key").asString()).isEqualTo("email");
            assertThat(reply.result().get("identity").get("login_id").asString()).isEqualTo(name + "@example.com");
        }

        @Test
        void loginIdKeyRestrictsTheMatch() {
            String name = uniqueName("carol");
            user(name);

            Reply byKey = auth.post("/_auth/login", """
                    {"login_id_key":"email","login_id":"%s@example.com","password":"%s"}""".formatted(name, PASSWORD), key());
            assertThat(byKey.status()).isEqualTo(200);

            Reply wrongKey = auth.post("/_auth/login", """
                    {"login_id_key":"username","login_id":"%s@example.com","password":"%s"}""".formatted(name, PASSWORD),
                    key());
            assertThat(wrongKey.status()).isEqualTo(401);
        }

        @Test
        void cookieClientGetsTheSessionCookie() {
            String name = uniqueName("dave");
            user(name);

            Reply reply = login(name, PASSWORD, key(APP_A, COOKIE));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.result().has("access_token")).isFalse();
            assertThat(reply.cookies()).singleElement().satisfies(cookie ->
                    assertThat(cookie).startsWith("session=" + reply.result().get("session_id").asString() + "."));
        }

        @Test
        void plainBcryptHashIsUpgradedOnLogin() {
            String name = uniqueName("legacy");
            Login signup = user(name);
            auth.sql().execute("""
                    UPDATE app._auth_provider_password SET password = ? WHERE principal_id IN
                      (SELECT id FROM app._auth_principal WHERE user_id = ?)""",
                    BCrypt.hashpw(PASSWORD, BCrypt.gensalt(4)), signup.userId());

            assertThat(login(name, PASSWORD, key()).status()).isEqualTo(200);

            assertThat(auth.sql().fetch("""
                    SELECT pw.password FROM app._auth_provider_password pw JOIN app._auth_principal p
                      ON p.id = pw.principal_id WHERE p.user_id = ? AND pw.login_id_key = 'username'""",
                    signup.userId()).getValues(0, String.class))
                    .singleElement().asString().startsWith("$bcrypt-sha512$$2a$10$");
            assertThat(login(name, PASSWORD, key()).status()).isEqualTo(200);
        }

        @Test
        void expiredDisableIsClearedByTheLogin() {
            String name = uniqueName("back");
            Login signup = user(name);
            auth.disable(signup.userId(), "cooling off", auth.clock.instant().minusSeconds(1));

            Reply reply = login(name, PASSWORD, key());

            assertThat(reply.status()).isEqualTo(200);
            assertThat(auth.count("SELECT count(*) FROM app._core_user WHERE id = ? AND NOT disabled "
                    + "AND disabled_message IS NULL AND disabled_expiry IS NULL", signup.userId())).isEqualTo(1);
        }

        @Test
        void successIsAudited() {
            String name = uniqueName("audit-ok");
            Login signup = user(name);

            login(name, PASSWORD, headers(key(), new String[] {"X-Real-IP", "198.51.100.7"}));

            assertThat(auth.count("SELECT count(*) FROM app._auth_audit_trail WHERE user_id = ? "
                    + "AND event = 'login_success' AND x_real_ip = '198.51.100.7'", signup.userId())).isEqualTo(1);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Failure {

        @Test
        void wrongPasswordIsInvalidCredentials() {
            String name = uniqueName("john.doe");
            user(name);

            Reply reply = login(name + "@example.com", "wrong_password", key());

            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.error()).isEqualTo(json("""
                    {"name":"Unauthorized","reason":"InvalidCredentials","message":"invalid credentials","code":401}"""));
        }

        @Test
        void unknownLoginIdIsTheSameInvalidCredentials() {
            Reply reply = login(uniqueName("nobody"), PASSWORD, key());

            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.error()).isEqualTo(json("""
                    {"name":"Unauthorized","reason":"InvalidCredentials","message":"invalid credentials","code":401}"""));
        }

        @Test
        void failuresAreAuditedWithTheLoginIdTried() {
            String name = uniqueName("audit-fail");
            Login signup = user(name);
            String unknown = uniqueName("ghost");

            login(name, "wrong_password", key());
            login(unknown, PASSWORD, key());

            assertThat(auth.count("SELECT count(*) FROM app._auth_audit_trail WHERE event = 'login_failure' "
                    + "AND user_id = ? AND login_id = ?", signup.userId(), name)).isEqualTo(1);
            assertThat(auth.count("SELECT count(*) FROM app._auth_audit_trail WHERE event = 'login_failure' "
                    + "AND user_id IS NULL AND login_id = ?", unknown)).isEqualTo(1);
        }

        @Test
        void badFormatForTheGivenKeyIsStringFormat() {
            Reply reply = auth.post("/_auth/login", """
                    {"login_id_key":"email","login_id":"202-111-2222","password":"123456"}""", key());

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.error().get("reason").asString()).isEqualTo("ValidationFailed");
            assertThat(reply.error().get("info").get("causes")).containsExactly(json("""
                    {"kind":"StringFormat","pointer":"/login_id","message":"invalid login ID format",
                     "details":{"format":"email"}}"""));
        }

        @Test
        void unconfiguredKeyIsNotAllowed() {
            Reply reply = auth.post("/_auth/login", """
                    {"login_id_key":"phone","login_id":"+85223456789","password":"123456"}""", key());

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.error().get("info").get("causes")).containsExactly(json("""
                    {"kind":"General","pointer":"/login_id","message":"login ID key is not allowed"}"""));
        }

        @Test
        void missingAndEmptyFieldsAreReported() {
            assertThat(auth.post("/_auth/login", "{}", key()).error().get("info").get("causes"))
                    .extracting(c -> c.get("kind").asString() + " " + c.get("pointer").asString())
                    .containsExactly("Required /login_id", "Required /password");
            assertThat(auth.post("/_auth/login", "{\"login_id\":\"\",\"password\":\"\"}", key())
                    .error().get("info").get("causes"))
                    .extracting(c -> c.get("kind").asString() + " " + c.get("pointer").asString())
                    .containsExactly("StringLength /login_id", "StringLength /password");
        }

        @Test
        void nulCharacterInTheLoginIdIsRefused() {
            Reply reply = auth.post("/_auth/login", "{\"login_id\":\"a\\u0000b\",\"password\":\"123456\"}", key());

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.error().get("info").get("causes").get(0).get("pointer").asString()).isEqualTo("/login_id");
        }

        @Test
        void disabledUserIsRefusedAfterThePasswordCheck() {
            String name = uniqueName("banned");
            Login signup = user(name);
            Instant expiry = auth.clock.instant().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
            auth.disable(signup.userId(), "spamming", expiry);
            long sessions = auth.count("SELECT count(*) FROM app._auth_session WHERE user_id = ?", signup.userId());

            Reply reply = login(name, PASSWORD, key());

            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.error()).isEqualTo(json("""
                    {"name":"Forbidden","reason":"UserDisabled","message":"user is disabled","code":403,
                     "info":{"expiry":"%s","message":"spamming"}}""".formatted(expiry)));
            assertThat(login(name, "wrong_password", key()).status()).isEqualTo(401);
            assertThat(auth.count("SELECT count(*) FROM app._auth_session WHERE user_id = ?", signup.userId()))
                    .isEqualTo(sessions);
        }

        @Test
        void disabledForeverHasNoExpiryInfo() {
            String name = uniqueName("forever");
            Login signup = user(name);
            auth.disable(signup.userId(), null, null);

            Reply reply = login(name, PASSWORD, key());

            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.error().has("info")).isFalse();
        }

        @Test
        void masterKeyOpensNoSession() {
            String name = uniqueName("master");
            Login signup = user(name);

            Reply reply = login(name, PASSWORD, master(APP_A));

            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.error().get("message").asString()).contains("master key");
            assertThat(auth.count("SELECT count(*) FROM app._auth_session WHERE user_id = ?", signup.userId()))
                    .isEqualTo(1);
        }

        @Test
        void withoutKeyIsApiKeyRequired() {
            Reply reply = login(uniqueName("nokey"), PASSWORD);

            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.error().get("reason").asString()).isEqualTo("AccessKeyNotAccepted");
        }

        @Test
        void userOfOneTenantCannotLogInAtAnother() {
            String name = uniqueName("tenant");
            user(name);

            assertThat(login(name, PASSWORD, key(APP_B, WEB)).status()).isEqualTo(401);
            assertThat(login(name, PASSWORD, key(APP_A, WEB)).status()).isEqualTo(200);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Hooks {

        @Test
        void sessionCreateHookSeesTheLoginAndCanRefuseIt() {
            String name = uniqueName("hooked");
            Login signup = auth.signup(APP_HOOKS, """
                    {"login_ids":[{"key":"username","value":"%s"}],"password":"%s"}""".formatted(name, PASSWORD));

            assertThat(login(name, PASSWORD, key(APP_HOOKS, WEB)).status()).isEqualTo(200);
            assertThat(auth.beforeHooks).filteredOn(e -> e.at("/payload/user/id").asString().equals(signup.userId()))
                    .extracting(e -> e.get("type").asString() + " " + e.at("/payload/reason").asString())
                    .containsExactly("before_user_create ", "before_session_create signup", "before_session_create login");

            auth.sql().execute("UPDATE app._auth_user_profile SET data = '{\"refuse\":true}' WHERE user_id = ?",
                    signup.userId());
            long sessions = auth.count("SELECT count(*) FROM app._auth_session WHERE user_id = ?", signup.userId());
            Reply refused = login(name, PASSWORD, key(APP_HOOKS, WEB));
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.error().get("reason").asString()).isEqualTo("WebHookDisallowed");
            assertThat(auth.count("SELECT count(*) FROM app._auth_session WHERE user_id = ?", signup.userId()))
                    .isEqualTo(sessions);
        }
    }
}
