package io.skygear.auth;

import static io.skygear.auth.AuthFixture.APP_A;
import static io.skygear.auth.AuthFixture.APP_B;
import static io.skygear.auth.AuthFixture.APP_HOOKS;
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
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/** {@code POST /_auth/update_metadata}: by the user itself or by the master key (reference §12 case 13). */
class UpdateMetadataTest {

    static AuthFixture auth;

    @BeforeAll
    static void start() {
        auth = AuthFixture.start();
    }

    @AfterAll
    static void stop() {
        auth.close();
    }

    static Reply update(String body, String... headers) {
        return auth.post("/_auth/update_metadata", body, headers);
    }

    static Reply asUser(Login login, String body) {
        return update(body, headers(key(), bearer(login.accessToken())));
    }

    static JsonNode metadataOnMe(Login login) {
        return auth.post("/_auth/me", "{}", headers(key(), bearer(login.accessToken()))).result().at("/user/metadata");
    }

    static JsonNode json(String text) {
        return Json.mapper().readTree(text);
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ByTheUser {

        @Test
        void replacesTheWholeMetadataAndAnswersTheUser() {
            Login login = auth.signup(uniqueName("meta"));

            Reply first = asUser(login, """
                    {"metadata":{"age":3,"nested":{"list":[1,"two",null]}}}""");
            Reply second = asUser(login, """
                    {"metadata":{"name":"John"}}""");

            assertThat(first.status()).isEqualTo(200);
            assertThat(first.result().propertyNames()).containsExactly("user");
            assertThat(first.result().at("/user/id").asString()).isEqualTo(login.userId());
            assertThat(first.result().at("/user/metadata")).isEqualTo(json("""
                    {"age":3,"nested":{"list":[1,"two",null]}}"""));
            // a key the new object lacks is gone
            assertThat(second.result().at("/user/metadata")).isEqualTo(json("{\"name\":\"John\"}"));
            assertThat(metadataOnMe(login)).isEqualTo(json("{\"name\":\"John\"}"));
        }

        @Test
        void anEmptyObjectClearsIt() {
            Login login = auth.signup(uniqueName("clear"));
            asUser(login, "{\"metadata\":{\"a\":1}}");

            assertThat(asUser(login, "{\"metadata\":{}}").result().at("/user/metadata")).isEqualTo(json("{}"));
        }

        @Test
        void mustNotNameAUser() {
            Login login = auth.signup(uniqueName("nosy"));

            Reply reply = asUser(login, """
                    {"user_id":"mary.jane","metadata":{"hacked":true}}""");

            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.error()).isEqualTo(json("""
                    {"name":"Forbidden","reason":"Forbidden","message":"must not specify user_id","code":403}"""));
            assertThat(metadataOnMe(login)).isEqualTo(json("{}"));
        }

        @Test
        void metadataMustBeAnObject() {
            Login login = auth.signup(uniqueName("typed"));

            Reply missing = asUser(login, "{}");
            Reply array = asUser(login, "{\"metadata\":[1]}");

            assertThat(missing.status()).isEqualTo(400);
            assertThat(missing.error().get("info")).isEqualTo(json("""
                    {"causes":[{"kind":"Required","message":"metadata is required","pointer":"/metadata"}]}"""));
            assertThat(array.status()).isEqualTo(400);
            assertThat(array.error().at("/info/causes/0/kind").asString()).isEqualTo("Type");
        }

        @Test
        void aDisabledUserCannot() {
            Login login = auth.signup(uniqueName("disabled"));
            auth.disable(login.userId(), null, null);

            Reply reply = asUser(login, "{\"metadata\":{\"a\":1}}");

            // neither master key nor valid user: the original answered with its first policy's error
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.error().get("message").asString()).isEqualTo("Master key required");
            assertThat(auth.sql().fetchValue("SELECT data::text FROM app._auth_user_profile WHERE user_id = ?",
                    login.userId())).isEqualTo("{}");
        }

        @Test
        void withoutMasterKeyOrSessionIsRefused() {
            assertThat(update("{\"metadata\":{}}", key()).error()).isEqualTo(json("""
                    {"name":"Unauthorized","reason":"AccessKeyNotAccepted","message":"Master key required","code":401}"""));
            assertThat(update("{\"metadata\":{}}").status()).isEqualTo(401);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ByTheMasterKey {

        @Test
        void updatesTheNamedUser() {
            Login login = auth.signup(uniqueName("managed"));

            Reply reply = update("""
                    {"user_id":"%s","metadata":{"plan":"gold"}}""".formatted(login.userId()), master(APP_A));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.result().at("/user/metadata")).isEqualTo(json("{\"plan\":\"gold\"}"));
            assertThat(metadataOnMe(login)).isEqualTo(json("{\"plan\":\"gold\"}"));
            assertThat(auth.sql().fetchValue("SELECT updated_by FROM app._auth_user_profile WHERE user_id = ?",
                    login.userId())).isEqualTo(login.userId());
        }

        @Test
        void requiresUserId() {
            Reply missing = update("{\"metadata\":{}}", master(APP_A));
            Reply empty = update("{\"user_id\":\"\",\"metadata\":{}}", master(APP_A));

            for (Reply reply : List.of(missing, empty)) {
                assertThat(reply.status()).isEqualTo(400);
                assertThat(reply.error()).isEqualTo(json("""
                        {"name":"Invalid","reason":"ValidationFailed","message":"invalid request body","code":400,
                         "info":{"causes":[{"kind":"Required","message":"user_id is required","pointer":"/user_id"}]}}"""));
            }
        }

        @Test
        void unknownAndOtherTenantsUsersAreNotFound() {
            Login login = auth.signup(uniqueName("foreign"));

            Reply unknown = update("{\"user_id\":\"nobody\",\"metadata\":{}}", master(APP_A));
            Reply foreign = update("""
                    {"user_id":"%s","metadata":{"x":1}}""".formatted(login.userId()), master(APP_B));

            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.error()).isEqualTo(json("""
                    {"name":"NotFound","reason":"UserNotFound","message":"user not found","code":404}"""));
            assertThat(foreign.status()).isEqualTo(404);
            assertThat(metadataOnMe(login)).isEqualTo(json("{}"));
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Hooks {

        @Test
        void userUpdateHooksCarryTheReasonAndTheNewMetadata() {
            Login login = signupHooked("hooked");

            assertThat(updateHooked(login, "{\"metadata\":{\"colour\":\"red\"}}").status()).isEqualTo(200);

            assertThat(auth.beforeHooks).filteredOn(e -> e.get("type").asString().equals("before_user_update")
                            && e.at("/payload/user/id").asString().equals(login.userId()))
                    .singleElement()
                    .satisfies(e -> {
                        assertThat(e.at("/payload/reason").asString()).isEqualTo("update_metadata");
                        assertThat(e.at("/payload/metadata")).isEqualTo(json("{\"colour\":\"red\"}"));
                        assertThat(e.at("/payload/user/metadata")).isEqualTo(json("{}"));
                    });
            assertThat(auth.sql().fetch("""
                    SELECT event_type FROM app._auth_hook_outbox WHERE app_id = ? AND body LIKE ? ORDER BY id""",
                    APP_HOOKS, "%" + login.userId() + "%").getValues(0, String.class))
                    .containsSubsequence("after_user_update", "user_sync");
        }

        @Test
        void aHookMutationWinsOverTheRequest() {
            Login login = signupHooked("mutated");
            // the test hook mutates users whose stored metadata asks for it
            updateHooked(login, "{\"metadata\":{\"mutate\":true}}");

            Reply reply = updateHooked(login, "{\"metadata\":{\"colour\":\"blue\"}}");

            assertThat(reply.result().at("/user/metadata")).isEqualTo(json("{\"mutated\":true}"));
        }

        @Test
        void aRefusingHookLeavesTheMetadata() {
            Login login = signupHooked("refused");
            updateHooked(login, "{\"metadata\":{\"refuse\":true}}");

            Reply reply = updateHooked(login, "{\"metadata\":{}}");

            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.error().get("reason").asString()).isEqualTo("WebHookDisallowed");
            assertThat(auth.sql().fetchValue("SELECT data::text FROM app._auth_user_profile WHERE user_id = ?",
                    login.userId())).isEqualTo("{\"refuse\": true}");
        }

        private Login signupHooked(String prefix) {
            return auth.signup(APP_HOOKS, """
                    {"login_ids":[{"key":"username","value":"%s"}],"password":"%s"}""".formatted(uniqueName(prefix),
                    PASSWORD));
        }

        private Reply updateHooked(Login login, String body) {
            return update(body, headers(key(APP_HOOKS, WEB), bearer(login.accessToken())));
        }
    }
}
