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
import java.time.LocalDateTime;
import java.util.List;
import org.jooq.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/** {@code POST /_auth/disable/set}: the master key disables and enables users (reference §12 case 12). */
class DisableSetTest {

    static AuthFixture auth;

    @BeforeAll
    static void start() {
        auth = AuthFixture.start();
    }

    @AfterAll
    static void stop() {
        auth.close();
    }

    static Reply set(String appId, String body) {
        return auth.post("/_auth/disable/set", body, master(appId));
    }

    static Reply me(Login login) {
        return auth.post("/_auth/me", "{}", headers(key(), bearer(login.accessToken())));
    }

    static Record userRow(String userId) {
        return auth.sql().fetchOne(
                "SELECT disabled, disabled_message, disabled_expiry FROM app._core_user WHERE id = ?", userId);
    }

    static JsonNode json(String text) {
        return Json.mapper().readTree(text);
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Disable {

        @Test
        void storesMessageAndExpiryAndRefusesTheUsersSessionsAtOnce() {
            Login login = auth.signup(uniqueName("banned"));
            assertThat(me(login).status()).isEqualTo(200);

            Reply reply = set(APP_A, """
                    {"user_id":"%s","disabled":true,"message":"Banned","expiry":"2099-07-31T17:39:22.349+08:00"}"""
                    .formatted(login.userId()));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.result()).isEqualTo(json("{}"));
            Record row = userRow(login.userId());
            assertThat(row.get("disabled", Boolean.class)).isTrue();
            assertThat(row.get("disabled_message", String.class)).isEqualTo("Banned");
            assertThat(row.get("disabled_expiry", LocalDateTime.class)).isEqualTo(LocalDateTime.parse("2099-07-31T09:39:22.349"));
            // the cached session is dropped with the commit: no waiting for the cache to expire
            Reply refused = me(login);
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.error()).isEqualTo(json("""
                    {"name":"Forbidden","reason":"UserDisabled","message":"user is disabled","code":403,
                     "info":{"expiry":"2099-07-31T09:39:22Z","message":"Banned"}}"""));
        }

        @Test
        void aDisabledUserCannotLogIn() {
            String name = uniqueName("locked");
            Login login = auth.signup(name);

            set(APP_A, "{\"user_id\":\"%s\",\"disabled\":true}".formatted(login.userId()));

            Reply reply = auth.post("/_auth/login", """
                    {"login_id":"%s","password":"%s"}""".formatted(name, PASSWORD), key());
            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.error().get("reason").asString()).isEqualTo("UserDisabled");
        }

        @Test
        void anExpiryInThePastLeavesTheUserUsable() {
            Login login = auth.signup(uniqueName("expired"));

            set(APP_A, """
                    {"user_id":"%s","disabled":true,"expiry":"2000-01-01T00:00:00Z"}""".formatted(login.userId()));

            assertThat(me(login).status()).isEqualTo(200);
        }

        @Test
        void isAudited() {
            Login login = auth.signup(uniqueName("audited"));

            set(APP_A, "{\"user_id\":\"%s\",\"disabled\":true}".formatted(login.userId()));
            set(APP_A, "{\"user_id\":\"%s\",\"disabled\":false}".formatted(login.userId()));

            assertThat(auth.sql().fetch("SELECT event FROM app._auth_audit_trail WHERE user_id = ? ORDER BY id",
                    login.userId()).getValues(0, String.class)).containsSubsequence("disable_user", "enable_user");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Enable {

        @Test
        void clearsMessageAndExpiryEvenWhenSent() {
            Login login = auth.signup(uniqueName("pardoned"));
            set(APP_A, """
                    {"user_id":"%s","disabled":true,"message":"Banned","expiry":"2099-01-01T00:00:00Z"}"""
                    .formatted(login.userId()));

            Reply reply = set(APP_A, """
                    {"user_id":"%s","disabled":false,"message":"Welcome back","expiry":"2099-01-01T00:00:00Z"}"""
                    .formatted(login.userId()));

            assertThat(reply.status()).isEqualTo(200);
            Record row = userRow(login.userId());
            assertThat(row.get("disabled", Boolean.class)).isFalse();
            assertThat(row.get("disabled_message")).isNull();
            assertThat(row.get("disabled_expiry")).isNull();
            assertThat(me(login).status()).isEqualTo(200);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Errors {

        @Test
        void expiryMustBeAnRfc3339DateTime() {
            // reference §12 case 12
            Reply reply = set(APP_A, """
                    {"user_id":"john.doe.id","expiry":"Mon Oct 9 15:04:05 HKT 2006","disabled":true}""");

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.error()).isEqualTo(json("""
                    {"name":"Invalid","reason":"ValidationFailed","message":"invalid request body","code":400,
                     "info":{"causes":[{"kind":"StringFormat","message":"Does not match format 'date-time'",
                                        "pointer":"/expiry","details":{"format":"date-time"}}]}}"""));
            for (String expiry : List.of("2019-07-31", "2019-07-31T09:39Z", "2019-07-31 09:39:22Z", "2019-13-01T00:00:00Z",
                    "2019-07-31T09:39:22", "2019-07-31t09:39:22z", "")) {
                assertThat(set(APP_A, """
                        {"user_id":"u","disabled":true,"expiry":"%s"}""".formatted(expiry)).error()
                        .at("/info/causes/0/pointer").asString()).as(expiry).isEqualTo("/expiry");
            }
        }

        @Test
        void userIdAndDisabledAreRequiredAndMessageNonEmpty() {
            Reply missing = set(APP_A, "{}");
            Reply empty = set(APP_A, "{\"user_id\":\"\",\"disabled\":true,\"message\":\"\"}");
            Reply typed = set(APP_A, "{\"user_id\":\"u\",\"disabled\":\"yes\"}");

            assertThat(missing.error().get("info")).isEqualTo(json("""
                    {"causes":[{"kind":"Required","message":"disabled is required","pointer":"/disabled"},
                               {"kind":"Required","message":"user_id is required","pointer":"/user_id"}]}"""));
            assertThat(empty.error().get("info").get("causes")).extracting(c -> c.get("kind").asString() + " "
                    + c.get("pointer").asString()).containsExactly("StringLength /message", "StringLength /user_id");
            assertThat(typed.error().at("/info/causes/0/kind").asString()).isEqualTo("Type");
        }

        @Test
        void unknownAndOtherTenantsUsersAreNotFound() {
            Login login = auth.signup(uniqueName("elsewhere"));

            Reply unknown = set(APP_A, "{\"user_id\":\"nobody\",\"disabled\":true}");
            Reply foreign = set(APP_B, "{\"user_id\":\"%s\",\"disabled\":true}".formatted(login.userId()));

            assertThat(unknown.error()).isEqualTo(json("""
                    {"name":"NotFound","reason":"UserNotFound","message":"user not found","code":404}"""));
            assertThat(foreign.status()).isEqualTo(404);
            assertThat(me(login).status()).isEqualTo(200);
        }

        @Test
        void onlyTheMasterKeyMay() {
            Login login = auth.signup(uniqueName("self"));
            String body = "{\"user_id\":\"%s\",\"disabled\":true}".formatted(login.userId());

            Reply apiKey = auth.post("/_auth/disable/set", body, headers(key(), bearer(login.accessToken())));
            Reply noKey = auth.post("/_auth/disable/set", body);

            assertThat(apiKey.error()).isEqualTo(json("""
                    {"name":"Unauthorized","reason":"AccessKeyNotAccepted","message":"Master key required","code":401}"""));
            assertThat(noKey.error().get("message").asString()).isEqualTo("API key required");
            assertThat(userRow(login.userId()).get("disabled", Boolean.class)).isFalse();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Hooks {

        @Test
        void userUpdateHooksSayAdministrativeAndIsDisabled() {
            Login login = signupHooked("hooked");

            assertThat(set(APP_HOOKS, "{\"user_id\":\"%s\",\"disabled\":true}".formatted(login.userId())).status())
                    .isEqualTo(200);

            assertThat(auth.beforeHooks).filteredOn(e -> e.get("type").asString().equals("before_user_update")
                            && e.at("/payload/user/id").asString().equals(login.userId()))
                    .singleElement()
                    .satisfies(e -> {
                        assertThat(e.at("/payload/reason").asString()).isEqualTo("administrative");
                        assertThat(e.at("/payload/is_disabled").asBoolean()).isTrue();
                        assertThat(e.at("/payload/user/is_disabled").asBoolean()).isFalse();
                    });
            assertThat(auth.sql().fetch("""
                    SELECT event_type FROM app._auth_hook_outbox WHERE app_id = ? AND body LIKE ? ORDER BY id""",
                    APP_HOOKS, "%" + login.userId() + "%").getValues(0, String.class))
                    .containsSubsequence("after_user_update", "user_sync");
        }

        @Test
        void aRefusingHookKeepsTheUserEnabled() {
            Login login = signupHooked("refused");
            auth.sql().execute("UPDATE app._auth_user_profile SET data = '{\"refuse\":true}' WHERE user_id = ?",
                    login.userId());

            Reply reply = set(APP_HOOKS, "{\"user_id\":\"%s\",\"disabled\":true}".formatted(login.userId()));

            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.error().get("reason").asString()).isEqualTo("WebHookDisallowed");
            assertThat(userRow(login.userId()).get("disabled", Boolean.class)).isFalse();
        }

        private Login signupHooked(String prefix) {
            return auth.signup(APP_HOOKS, """
                    {"login_ids":[{"key":"username","value":"%s"}],"password":"%s"}""".formatted(uniqueName(prefix),
                    PASSWORD));
        }
    }
}
