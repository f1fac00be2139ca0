package io.skygear.auth;

import static io.skygear.auth.AuthFixture.APP_A;
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
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/** {@code POST /_auth/change_password}: success, policy with history, credentials, authz, hooks, audit. */
class ChangePasswordTest {

    static final String NEW_PASSWORD = "new-secret-2";
    // reference §12 case 15: a plain bcrypt hash of "123456" left by an older server
    static final String PLAIN_123456 = "$2a$10$/jm/S1sY6ldfL6UZljlJdOAdJojsJfkjg/pqK47Q8WmOLE19tGWQi";

    static AuthFixture auth;

    @BeforeAll
    static void start() {
        auth = AuthFixture.start();
    }

    @AfterAll
    static void stop() {
        auth.close();
    }

    static Reply change(String oldPassword, String newPassword, String accessToken) {
        return change(APP_A, WEB, oldPassword, newPassword, accessToken);
    }

    static Reply change(String appId, String client, String oldPassword, String newPassword, String accessToken) {
        return auth.post("/_auth/change_password", """
                {"old_password":"%s","password":"%s"}""".formatted(oldPassword, newPassword),
                headers(key(appId, client), bearer(accessToken)));
    }

    static Reply login(String loginId, String password) {
        return auth.post("/_auth/login", """
                {"login_id":"%s","password":"%s"}""".formatted(loginId, password), key());
    }

    static Reply me(String accessToken) {
        return auth.post("/_auth/me", "{}", headers(key(), bearer(accessToken)));
    }

    static Login signupWithEmail(String name) {
        return auth.signup(APP_A, """
                {"login_ids":[{"key":"email","value":"%1$s@example.com"},{"key":"username","value":"%1$s"}],
                 "password":"%2$s"}""".formatted(name, PASSWORD));
    }

    static JsonNode json(String text) {
        return Json.mapper().readTree(text);
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Success {

        @Test
        void answersUserSessionIdentityAndANewAccessTokenOnly() {
            String name = uniqueName("changer");
            Login login = signupWithEmail(name);

            Reply reply = change(PASSWORD, NEW_PASSWORD, login.accessToken());

            assertThat(reply.status()).isEqualTo(200);
            JsonNode result = reply.result();
            assertThat(result.propertyNames()).containsExactlyInAnyOrder("user", "identity", "access_token", "session_id");
            assertThat(result.get("user").get("id").asString()).isEqualTo(login.userId());
            assertThat(result.get("identity")).isEqualTo(login.result().get("identity"));
            assertThat(result.get("session_id").asString()).isEqualTo(login.sessionId());
            assertThat(result.get("access_token").asString()).startsWith(login.sessionId() + ".")
                    .isNotEqualTo(login.accessToken());
        }

        @Test
        void rotatesTheAccessTokenOfTheCurrentSessionOnly() {
            String name = uniqueName("rotator");
            Login first = auth.signup(name);
            Login second = auth.login(name);

            String rotated = change(PASSWORD, NEW_PASSWORD, first.accessToken()).result().get("access_token").asString();

            assertThat(me(first.accessToken()).status()).isEqualTo(401);
            assertThat(me(rotated).status()).isEqualTo(200);
            // as in the original, the user's other sessions stay
            assertThat(me(second.accessToken()).status()).isEqualTo(200);
            // the refresh token of the session still works and now refreshes the rotated session
            assertThat(auth.post("/_auth/refresh", """
                    {"refresh_token":"%s"}""".formatted(first.refreshToken().orElseThrow()), key()).status())
                    .isEqualTo(200);
        }

        @Test
        void everyLoginIdTakesTheNewPassword() {
            String name = uniqueName("every");
            Login login = signupWithEmail(name);

            assertThat(change(PASSWORD, NEW_PASSWORD, login.accessToken()).status()).isEqualTo(200);

            assertThat(login(name, NEW_PASSWORD).status()).isEqualTo(200);
            assertThat(login(name + "@example.com", NEW_PASSWORD).status()).isEqualTo(200);
            assertThat(login(name, PASSWORD).status()).isEqualTo(401);
            assertThat(login(name + "@example.com", PASSWORD).status()).isEqualTo(401);
            assertThat(auth.sql().fetch("""
                    SELECT pw.password FROM app._auth_provider_password pw JOIN app._auth_principal p
                      ON p.id = pw.principal_id WHERE p.user_id = ?""", login.userId()).getValues(0, String.class))
                    .hasSize(2).allSatisfy(hash -> assertThat(hash).startsWith("$bcrypt-sha512$$2a$10$"));
        }

        @Test
        void cookieClientsGetTheNewTokenInTheCookie() {
            String name = uniqueName("cookie");
            Reply signup = auth.post("/_auth/signup", """
                    {"login_ids":[{"key":"username","value":"%s"}],"password":"%s"}""".formatted(name, PASSWORD),
                    key(APP_A, COOKIE));
            String token = signup.cookies().stream().filter(c -> c.startsWith("session=")).findFirst().orElseThrow()
                    .split(";")[0].substring("session=".length());

            Reply reply = auth.post("/_auth/change_password", """
                    {"old_password":"%s","password":"%s"}""".formatted(PASSWORD, NEW_PASSWORD),
                    headers(key(APP_A, COOKIE), new String[] {"Cookie", "session=" + token}));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.result().has("access_token")).isFalse();
            assertThat(reply.cookies()).anySatisfy(c -> assertThat(c).startsWith("session=").doesNotContain(token)
                    .contains("HttpOnly"));
        }

        @Test
        void theMasterKeyWithAUserTokenGetsTheRotatedToken() {
            String name = uniqueName("mastered");
            Login login = auth.signup(name);

            Reply reply = auth.post("/_auth/change_password", """
                    {"old_password":"%s","password":"%s"}""".formatted(PASSWORD, NEW_PASSWORD),
                    headers(master(APP_A), bearer(login.accessToken())));

            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(me(reply.result().get("access_token").asString()).status()).isEqualTo(200);
        }

        @Test
        void aLegacyBcryptHashAcceptsTheOldPasswordAndIsReplaced() {
            Login login = auth.signup(uniqueName("legacy"));
            auth.sql().execute("""
                    UPDATE app._auth_provider_password SET password = ? WHERE principal_id IN
                      (SELECT id FROM app._auth_principal WHERE user_id = ?)""", PLAIN_123456, login.userId());

            assertThat(change("123456", NEW_PASSWORD, login.accessToken()).status()).isEqualTo(200);

            assertThat(auth.sql().fetchValue("""
                    SELECT pw.password FROM app._auth_provider_password pw JOIN app._auth_principal p
                      ON p.id = pw.principal_id WHERE p.user_id = ?""", login.userId()).toString())
                    .startsWith("$bcrypt-sha512$");
        }

        @Test
        void isAuditedAndRecordedInTheHistory() {
            Login login = auth.signup(uniqueName("audited"));

            change(PASSWORD, NEW_PASSWORD, login.accessToken());

            assertThat(auth.count("SELECT count(*) FROM app._auth_audit_trail WHERE event = 'change_password' AND user_id = ?",
                    login.userId())).isEqualTo(1);
            assertThat(auth.count("SELECT count(*) FROM app._auth_password_history WHERE app_id = ? AND user_id = ?",
                    APP_A, login.userId())).isEqualTo(2);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Policy {

        @Test
        void tooShortIsRefusedEvenWithTheRightOldPassword() {
            Login login = auth.signup(uniqueName("short"));

            // reference §12 case 10
            Reply reply = change(PASSWORD, "1234", login.accessToken());

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.error()).isEqualTo(json("""
                    {"name":"Invalid","reason":"PasswordPolicyViolated","message":"password policy violated","code":400,
                     "info":{"causes":[{"kind":"PasswordTooShort","min_length":6,"pw_length":4}]}}"""));
            assertThat(login(login.userId(), PASSWORD).status()).isEqualTo(401);
            assertThat(me(login.accessToken()).status()).isEqualTo(200);
        }

        @Test
        void policyComesBeforeTheOldPasswordCheck() {
            Login login = auth.signup(uniqueName("order"));

            assertThat(change("wrong_password", "1234", login.accessToken()).error().get("reason").asString())
                    .isEqualTo("PasswordPolicyViolated");
        }

        @Test
        void theLastPasswordsCannotBeReused() {
            String name = uniqueName("reuser");
            Login login = auth.signup(name);
            String token = change(PASSWORD, NEW_PASSWORD, login.accessToken()).result().get("access_token").asString();

            for (String reused : List.of(PASSWORD, NEW_PASSWORD)) {
                Reply reply = change(NEW_PASSWORD, reused, token);
                assertThat(reply.status()).as(reused).isEqualTo(400);
                assertThat(reply.error().get("info")).isEqualTo(json("""
                        {"causes":[{"kind":"PasswordReused","history_days":0,"history_size":2}]}"""));
            }
            assertThat(login(name, NEW_PASSWORD).status()).isEqualTo(200);
        }

        @Test
        void olderPasswordsLeaveTheWindowAndTheTable() {
            String name = uniqueName("rotating");
            Login login = auth.signup(name);
            String token = login.accessToken();
            String current = PASSWORD;
            for (String next : List.of("second-pw", "third-pw")) {
                // the history is ordered by time: let each change happen later
                auth.clock.advance(Duration.ofSeconds(1));
                token = change(current, next, token).result().get("access_token").asString();
                current = next;
            }

            // history size 2: the first password is out of the window again
            assertThat(change(current, PASSWORD, token).status()).isEqualTo(200);
            assertThat(auth.count("SELECT count(*) FROM app._auth_password_history WHERE user_id = ?", login.userId()))
                    .isEqualTo(2);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Errors {

        @Test
        void wrongOldPasswordIsInvalidCredentials() {
            Login login = auth.signup(uniqueName("wrong"));

            // reference §12 case 10
            Reply reply = change("wrong_password", "123456", login.accessToken());

            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.error()).isEqualTo(json("""
                    {"name":"Unauthorized","reason":"InvalidCredentials","message":"invalid credentials","code":401}"""));
            assertThat(me(login.accessToken()).status()).isEqualTo(200);
        }

        @Test
        void userWithoutPasswordIdentityHasNoPassword() {
            Login login = auth.signup(uniqueName("nopw"));
            auth.sql().execute("""
                    DELETE FROM app._auth_provider_password WHERE principal_id IN
                      (SELECT id FROM app._auth_principal WHERE user_id = ?)""", login.userId());

            Reply reply = change(PASSWORD, NEW_PASSWORD, login.accessToken());

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.error()).isEqualTo(json("""
                    {"name":"Invalid","reason":"Invalid","message":"user has no password","code":400}"""));
        }

        @Test
        void bothPasswordsAreRequiredAndNonEmpty() {
            Login login = auth.signup(uniqueName("empty"));

            Reply missing = auth.post("/_auth/change_password", "{}", headers(key(), bearer(login.accessToken())));
            Reply empty = auth.post("/_auth/change_password", """
                    {"old_password":"","password":""}""", headers(key(), bearer(login.accessToken())));

            assertThat(missing.status()).isEqualTo(400);
            assertThat(missing.error().get("info")).isEqualTo(json("""
                    {"causes":[{"kind":"Required","message":"old_password is required","pointer":"/old_password"},
                               {"kind":"Required","message":"password is required","pointer":"/password"}]}"""));
            assertThat(empty.error().get("info").get("causes")).extracting(c -> c.get("kind").asString() + " "
                    + c.get("pointer").asString()).containsExactly("StringLength /old_password", "StringLength /password");
        }

        @Test
        void withoutSessionIsNotAuthenticatedWithTheRefreshHint() {
            Reply reply = auth.post("/_auth/change_password", """
                    {"old_password":"a","password":"b"}""", key());

            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.error().get("reason").asString()).isEqualTo("NotAuthenticated");
            assertThat(reply.header("x-skygear-try-refresh-token")).contains("true");
        }

        @Test
        void aDisabledUserIsRefused() {
            Login login = auth.signup(uniqueName("disabled"));
            auth.disable(login.userId(), "banned", null);

            Reply reply = change(PASSWORD, NEW_PASSWORD, login.accessToken());

            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.error().get("reason").asString()).isEqualTo("UserDisabled");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Hooks {

        @Test
        void passwordUpdateHooksCarryTheReasonAndTheUser() {
            Login login = auth.signup(APP_HOOKS, """
                    {"login_ids":[{"key":"username","value":"%s"}],"password":"%s"}""".formatted(uniqueName("hooked"),
                    PASSWORD));

            assertThat(change(APP_HOOKS, WEB, PASSWORD, NEW_PASSWORD, login.accessToken()).status()).isEqualTo(200);

            assertThat(auth.beforeHooks).filteredOn(e -> e.get("type").asString().equals("before_password_update")
                            && e.at("/payload/user/id").asString().equals(login.userId()))
                    .singleElement()
                    .satisfies(e -> assertThat(e.at("/payload/reason").asString()).isEqualTo("change_password"));
            assertThat(afterEvents(login.userId())).containsSubsequence("after_password_udpate", "user_sync");
        }

        @Test
        void aRefusingHookKeepsTheOldPassword() {
            String name = uniqueName("refused");
            Login login = auth.signup(APP_HOOKS, """
                    {"login_ids":[{"key":"username","value":"%s"}],"password":"%s"}""".formatted(name, PASSWORD));
            // the before-hook refuses users whose metadata says so (set after signup, whose hook would refuse)
            auth.sql().execute("UPDATE app._auth_user_profile SET data = '{\"refuse\":true}' WHERE user_id = ?",
                    login.userId());
            String hashBefore = passwordHash(login.userId());

            Reply reply = change(APP_HOOKS, WEB, PASSWORD, NEW_PASSWORD, login.accessToken());

            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.error().get("reason").asString()).isEqualTo("WebHookDisallowed");
            assertThat(passwordHash(login.userId())).isEqualTo(hashBefore);
            assertThat(auth.post("/_auth/me", "{}", headers(key(APP_HOOKS, WEB), bearer(login.accessToken()))).status())
                    .isEqualTo(200);
        }

        private String passwordHash(String userId) {
            return auth.sql().fetchValue("""
                    SELECT pw.password FROM app._auth_provider_password pw JOIN app._auth_principal p
                      ON p.id = pw.principal_id WHERE p.user_id = ?""", userId).toString();
        }

        private List<String> afterEvents(String userId) {
            return auth.sql().fetch("""
                    SELECT event_type FROM app._auth_hook_outbox WHERE app_id = ? AND body LIKE ? ORDER BY id""",
                    APP_HOOKS, "%" + userId + "%").getValues(0, String.class);
        }
    }
}
