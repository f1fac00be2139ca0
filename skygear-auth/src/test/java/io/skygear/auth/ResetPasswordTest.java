package io.skygear.auth;

import static io.skygear.auth.AuthFixture.APP_A;
import static io.skygear.auth.AuthFixture.APP_B;
import static io.skygear.auth.AuthFixture.APP_HOOKS;
import static io.skygear.auth.AuthFixture.PASSWORD;
import static io.skygear.auth.AuthFixture.bearer;
import static io.skygear.auth.AuthFixture.headers;
import static io.skygear.auth.AuthFixture.key;
import static io.skygear.auth.AuthFixture.master;
import static io.skygear.auth.AuthFixture.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.auth.AuthFixture.Login;
import io.skygear.auth.AuthFixture.Reply;
import io.skygear.core.http.Json;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/** {@code POST /_auth/reset_password}: the master key sets a user's password (reference §12 case 11). */
class ResetPasswordTest {

    static final String NEW_PASSWORD = "admin-set-3";

    static AuthFixture auth;

    @BeforeAll
    static void start() {
        auth = AuthFixture.start();
    }

    @AfterAll
    static void stop() {
        auth.close();
    }

    static Reply reset(String appId, String userId, String password) {
        return auth.post("/_auth/reset_password", """
                {"user_id":"%s","password":"%s"}""".formatted(userId, password), master(appId));
    }

    static Reply login(String appId, String loginId, String password) {
        return auth.post("/_auth/login", """
                {"login_id":"%s","password":"%s"}""".formatted(loginId, password), key(appId, AuthFixture.WEB));
    }

    static JsonNode json(String text) {
        return Json.mapper().readTree(text);
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Success {

        @Test
        void everyLoginIdTakesTheNewPassword() {
            String name = uniqueName("reset");
            Login login = auth.signup(APP_A, """
                    {"login_ids":[{"key":"email","value":"%1$s@example.com"},{"key":"username","value":"%1$s"}],
                     "password":"%2$s"}""".formatted(name, PASSWORD));

            Reply reply = reset(APP_A, login.userId(), NEW_PASSWORD);

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.result()).isEqualTo(json("{}"));
            assertThat(login(APP_A, name, NEW_PASSWORD).status()).isEqualTo(200);
            assertThat(login(APP_A, name + "@example.com", NEW_PASSWORD).status()).isEqualTo(200);
            assertThat(login(APP_A, name, PASSWORD).status()).isEqualTo(401);
        }

        @Test
        void sessionsStayAsInTheOriginal() {
            Login login = auth.signup(uniqueName("kept"));

            reset(APP_A, login.userId(), NEW_PASSWORD);

            assertThat(auth.post("/_auth/me", "{}", headers(key(), bearer(login.accessToken()))).status()).isEqualTo(200);
        }

        @Test
        void historyIsNotCheckedButRecorded() {
            Login login = auth.signup(uniqueName("history"));

            // the current password again: allowed (no history check), and not recorded twice
            assertThat(reset(APP_A, login.userId(), PASSWORD).status()).isEqualTo(200);
            assertThat(historyRows(login.userId())).isEqualTo(1);

            assertThat(reset(APP_A, login.userId(), NEW_PASSWORD).status()).isEqualTo(200);
            assertThat(historyRows(login.userId())).isEqualTo(2);
        }

        @Test
        void isAudited() {
            Login login = auth.signup(uniqueName("audit"));

            reset(APP_A, login.userId(), NEW_PASSWORD);

            assertThat(auth.count("SELECT count(*) FROM app._auth_audit_trail WHERE event = 'reset_password' AND user_id = ?",
                    login.userId())).isEqualTo(1);
        }

        @Test
        void aUserWithoutPasswordIdentityIsLeftAsIs() {
            Login login = auth.signup(uniqueName("nopw"));
            auth.sql().execute("""
                    DELETE FROM app._auth_provider_password WHERE principal_id IN
                      (SELECT id FROM app._auth_principal WHERE user_id = ?)""", login.userId());

            assertThat(reset(APP_A, login.userId(), NEW_PASSWORD).status()).isEqualTo(200);
        }

        private long historyRows(String userId) {
            return auth.count("SELECT count(*) FROM app._auth_password_history WHERE user_id = ?", userId);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Errors {

        @Test
        void bothFieldsAreRequired() {
            Reply reply = auth.post("/_auth/reset_password", "{}", master(APP_A));

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.error()).isEqualTo(json("""
                    {"name":"Invalid","reason":"ValidationFailed","message":"invalid request body","code":400,
                     "info":{"causes":[{"kind":"Required","message":"password is required","pointer":"/password"},
                                       {"kind":"Required","message":"user_id is required","pointer":"/user_id"}]}}"""));
        }

        @Test
        void unknownUserIsUserNotFound() {
            Reply reply = reset(APP_A, "john.doe.id", NEW_PASSWORD);

            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.error()).isEqualTo(json("""
                    {"name":"NotFound","reason":"UserNotFound","message":"user not found","code":404}"""));
        }

        @Test
        void anotherTenantsUserIsNotFound() {
            Login login = auth.signup(uniqueName("isolated"));

            assertThat(reset(APP_B, login.userId(), NEW_PASSWORD).status()).isEqualTo(404);
            assertThat(login(APP_A, login.result().at("/identity/login_id").asString(), PASSWORD).status()).isEqualTo(200);
        }

        @Test
        void policyIsChecked() {
            Login login = auth.signup(uniqueName("weak"));

            Reply reply = reset(APP_A, login.userId(), "1234");

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.error().get("info")).isEqualTo(json("""
                    {"causes":[{"kind":"PasswordTooShort","min_length":6,"pw_length":4}]}"""));
        }

        @Test
        void anUnknownUserIsReportedBeforeThePolicy() {
            assertThat(reset(APP_A, "nobody", "1").error().get("reason").asString()).isEqualTo("UserNotFound");
        }

        @Test
        void onlyTheMasterKeyMay() {
            Login login = auth.signup(uniqueName("guarded"));
            String body = """
                    {"user_id":"%s","password":"%s"}""".formatted(login.userId(), NEW_PASSWORD);

            Reply apiKey = auth.post("/_auth/reset_password", body, key());
            Reply withSession = auth.post("/_auth/reset_password", body, headers(key(), bearer(login.accessToken())));
            Reply noKey = auth.post("/_auth/reset_password", body);

            assertThat(apiKey.status()).isEqualTo(401);
            assertThat(apiKey.error()).isEqualTo(json("""
                    {"name":"Unauthorized","reason":"AccessKeyNotAccepted","message":"Master key required","code":401}"""));
            assertThat(withSession.error().get("message").asString()).isEqualTo("Master key required");
            assertThat(noKey.error().get("message").asString()).isEqualTo("API key required");
            assertThat(login(APP_A, login.result().at("/identity/login_id").asString(), PASSWORD).status()).isEqualTo(200);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Hooks {

        @Test
        void passwordUpdateHooksSayAdministrative() {
            Login login = auth.signup(APP_HOOKS, """
                    {"login_ids":[{"key":"username","value":"%s"}],"password":"%s"}""".formatted(uniqueName("hooked"),
                    PASSWORD));

            assertThat(reset(APP_HOOKS, login.userId(), NEW_PASSWORD).status()).isEqualTo(200);

            assertThat(auth.beforeHooks).filteredOn(e -> e.get("type").asString().equals("before_password_update")
                            && e.at("/payload/user/id").asString().equals(login.userId()))
                    .singleElement()
                    .satisfies(e -> assertThat(e.at("/payload/reason").asString()).isEqualTo("administrative"));
            List<String> after = auth.sql().fetch("""
                    SELECT event_type FROM app._auth_hook_outbox WHERE app_id = ? AND body LIKE ? ORDER BY id""",
                    APP_HOOKS, "%" + login.userId() + "%").getValues(0, String.class);
            assertThat(after).containsSubsequence("after_password_udpate", "user_sync");
        }
    }
}
