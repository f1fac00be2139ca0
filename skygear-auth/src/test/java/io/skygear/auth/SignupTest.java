package io.skygear.auth;

import static io.skygear.auth.AuthFixture.APP_A;
import static io.skygear.auth.AuthFixture.APP_B;
import static io.skygear.auth.AuthFixture.APP_HOOKS;
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
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/** {@code POST /_auth/signup}: every success and error case, the reference's §12 examples 1–6. */
class SignupTest {

    static AuthFixture auth;

    @BeforeAll
    static void start() {
        auth = AuthFixture.start();
    }

    @AfterAll
    static void stop() {
        auth.close();
    }

    static Reply signup(String body, String... headers) {
        return auth.post("/_auth/signup", body, headers);
    }

    static String usernameBody(String username) {
        return """
                {"login_ids":[{"key":"username","value":"%s"}],"password":"%s"}""".formatted(username, PASSWORD);
    }

    static String emailBody(String email) {
        return """
                {"login_ids":[{"key":"email","value":"%s"}],"password":"%s"}""".formatted(email, PASSWORD);
    }

    static JsonNode json(String text) {
        return Json.mapper().readTree(text);
    }

    static long users(String appId) {
        return auth.count("SELECT count(*) FROM app._core_user WHERE app_id = ?", appId);
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Success {

        @Test
        void emailAndUsernameGiveUserFirstIdentityAndTokens() {
            String name = uniqueName("john");
            Reply reply = signup("""
                    {"login_ids":[{"key":"email","value":"%1$s@example.com"},{"key":"username","value":"%1$s"}],
                     "password":"%2$s"}""".formatted(name, PASSWORD), key());

            assertThat(reply.status()).isEqualTo(200);
            JsonNode result = reply.result();
            JsonNode user = result.get("user");
            assertThat(user.get("id").asString()).isNotEmpty();
            assertThat(user.get("is_verified").asBoolean()).isFalse();
            assertThat(user.get("is_disabled").asBoolean()).isFalse();
            assertThat(user.get("verify_info")).isEqualTo(json("{}"));
            assertThat(user.get("metadata")).isEqualTo(json("{}"));
            assertThat(user.get("created_at").asString()).isEqualTo("2024-03-01T10:00:00Z");
            assertThat(user.get("last_login_at").asString()).isEqualTo("2024-03-01T10:00:00Z");

            JsonNode identity = result.get("identity");
            assertThat(identity.get("type").asString()).isEqualTo("password");
            assertThat(identity.get("login_id_key").asString()).isEqualTo("email");
            assertThat(identity.get("login_id").asString()).isEqualTo(name + "@example.com");
            assertThat(identity.get("claims")).isEqualTo(json("{\"email\":\"" + name + "@example.com\"}"));

            String accessToken = result.get("access_token").asString();
            String sessionId = result.get("session_id").asString();
            assertThat(accessToken).startsWith(sessionId + ".");
            assertThat(result.get("refresh_token").asString()).startsWith(sessionId + ".").isNotEqualTo(accessToken);

            Reply me = auth.post("/_auth/me", "{}", headers(key(), bearer(accessToken)));
            assertThat(me.status()).isEqualTo(200);
            assertThat(me.result().get("user").get("id")).isEqualTo(user.get("id"));
            assertThat(me.result().get("identity").get("id")).isEqualTo(identity.get("id"));
        }

        @Test
        void everyLoginIdBecomesAPasswordIdentityWithTheSameHash() {
            String name = uniqueName("both");
            Login login = auth.signup(APP_A, """
                    {"login_ids":[{"key":"email","value":"%1$s@example.com"},{"key":"username","value":"%1$s"}],
                     "password":"%2$s"}""".formatted(name, PASSWORD));

            assertThat(auth.count("""
                    SELECT count(DISTINCT pw.password) FROM app._auth_provider_password pw
                    JOIN app._auth_principal p ON p.id = pw.principal_id
                    WHERE p.user_id = ? AND p.provider = 'password' AND pw.password LIKE '$bcrypt-sha512$%'""",
                    login.userId())).isEqualTo(1);
            assertThat(auth.count("SELECT count(*) FROM app._auth_principal WHERE user_id = ?", login.userId()))
                    .isEqualTo(2);
            assertThat(auth.login(name).userId()).isEqualTo(login.userId());
        }

        @Test
        void metadataIsStoredAndReturned() {
            Reply reply = signup("""
                    {"login_ids":[{"key":"username","value":"%s"}],"password":"%s",
                     "metadata":{"nick":"Jo","age":30,"tags":["a","b"],"nested":{"x":null}}}"""
                    .formatted(uniqueName("meta"), PASSWORD), key());

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.result().get("user").get("metadata"))
                    .isEqualTo(json("{\"age\":30,\"nested\":{\"x\":null},\"nick\":\"Jo\",\"tags\":[\"a\",\"b\"]}"));
        }

        @Test
        void emailIsStoredAsTypedAndLoginWorksInAnyCase() {
            String name = uniqueName("Mixed");
            Login login = auth.signup(APP_A, emailBody(name + "@Example.COM"));

            assertThat(login.result().get("identity").get("login_id").asString()).isEqualTo(name + "@Example.COM");
            Reply reply = auth.post("/_auth/login", """
                    {"login_id":"%s","password":"%s"}""".formatted(name.toLowerCase() + "@example.com", PASSWORD), key());
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.result().get("user").get("id").asString()).isEqualTo(login.userId());
        }

        @Test
        void clientWithoutRefreshTokensGetsNone() {
            Reply reply = signup(usernameBody(uniqueName("norefresh")), key(APP_A, NO_REFRESH));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.result().has("access_token")).isTrue();
            assertThat(reply.result().has("refresh_token")).isFalse();
        }

        @Test
        void cookieClientGetsTheAccessTokenInTheSessionCookieOnly() {
            Reply reply = signup(usernameBody(uniqueName("cookie")), key(APP_A, COOKIE));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.result().has("access_token")).isFalse();
            assertThat(reply.result().has("refresh_token")).isFalse();
            String sessionId = reply.result().get("session_id").asString();
            assertThat(reply.cookies()).singleElement().satisfies(cookie -> {
                assertThat(cookie).startsWith("session=" + sessionId + ".");
                assertThat(cookie).contains("Path=/", "Max-Age=1800", "HttpOnly", "SameSite=Strict");
                assertThat(cookie).doesNotContain("Secure"); // the fixture runs with insecure cookies
            });
        }

        @Test
        void headerClientGetsAnExpiringSessionCookie() {
            Reply reply = signup(usernameBody(uniqueName("header")), key());

            assertThat(reply.cookies()).singleElement().satisfies(cookie ->
                    // a date in the past: Jetty writes 00:00:00, Tomcat 00:00:10
                    assertThat(cookie).startsWith("session=;")
                            .contains("Expires=Thu, 01 Jan 1970 00:00:", "Path=/", "SameSite=Lax"));
        }

        @Test
        void validAccessTokenAloneCountsAsTheKey() {
            Login login = auth.signup(uniqueName("tokenonly"));

            Reply reply = signup(usernameBody(uniqueName("second")), bearer(login.accessToken()));

            assertThat(reply.status()).isEqualTo(200);
        }

        @Test
        void writesAuditRowForSignup() {
            Login login = auth.signup(uniqueName("audited"));

            assertThat(auth.count("SELECT count(*) FROM app._auth_audit_trail WHERE app_id = ? AND user_id = ? "
                    + "AND event = 'signup'", APP_A, login.userId())).isEqualTo(1);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Validation {

        @Test
        void emptyLoginIdsIsEntryAmount() {
            Reply reply = signup("{\"login_ids\":[],\"password\":\"123456\"}", key());

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.error()).isEqualTo(json("""
                    {"name":"Invalid","reason":"ValidationFailed","message":"invalid request body","code":400,
                     "info":{"causes":[{"kind":"EntryAmount","pointer":"/login_ids",
                       "message":"Array must have at least 1 items","details":{"gte":1}}]}}"""));
        }

        @Test
        void sameValueUnderTwoKeysIsDuplicated() {
            Reply reply = signup("""
                    {"login_ids":[{"key":"username","value":"john.doe"},{"key":"email","value":"john.doe"}],
                     "password":"123456"}""", key());

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.error().get("info").get("causes")).contains(json("""
                    {"kind":"General","pointer":"/login_ids/1/value","message":"duplicated login ID"}"""));
        }

        @Test
        void unconfiguredKeyIsNotAllowed() {
            Reply reply = signup("""
                    {"login_ids":[{"key":"phone","value":"202-111-2222"}],"password":"123456"}""", key());

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.error().get("info").get("causes")).containsExactly(json("""
                    {"kind":"General","pointer":"/login_ids","message":"login ID key is not allowed"}"""));
        }

        @Test
        void badEmailFormatIsStringFormat() {
            Reply reply = signup("""
                    {"login_ids":[{"key":"email","value":"202-111-2222"}],"password":"123456"}""", key());

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.error().get("info").get("causes")).containsExactly(json("""
                    {"kind":"StringFormat","pointer":"/login_ids/0/value","message":"invalid login ID format",
                     "details":{"format":"email"}}"""));
        }

        @Test
        void tooManyIdsOfOneKeyIsEntryAmount() {
            Reply reply = signup("""
                    {"login_ids":[{"key":"username","value":"a1"},{"key":"username","value":"a2"}],
                     "password":"123456"}""", key());

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.error().get("info").get("causes").get(0).get("kind").asString()).isEqualTo("EntryAmount");
        }

        @Test
        void shortPasswordViolatesThePolicy() {
            Reply reply = signup("""
                    {"login_ids":[{"key":"username","value":"%s"}],"password":"1234"}""".formatted(uniqueName("short")),
                    key());

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.error()).isEqualTo(json("""
                    {"name":"Invalid","reason":"PasswordPolicyViolated","message":"password policy violated","code":400,
                     "info":{"causes":[{"kind":"PasswordTooShort","min_length":6,"pw_length":4}]}}"""));
        }

        @Test
        void missingFieldsAreRequiredAndEmptyPasswordIsTooShortForTheSchema() {
            assertThat(signup("{}", key()).error().get("info").get("causes")).containsExactly(
                    json("{\"kind\":\"Required\",\"pointer\":\"/login_ids\",\"message\":\"login_ids is required\"}"),
                    json("{\"kind\":\"Required\",\"pointer\":\"/password\",\"message\":\"password is required\"}"));
            assertThat(signup(usernameBody("x").replace(PASSWORD, ""), key()).error().get("info").get("causes"))
                    .containsExactly(json("""
                            {"kind":"StringLength","pointer":"/password",
                             "message":"String length must be greater than or equal to 1","details":{"gte":1}}"""));
        }

        @Test
        void wrongTypesAndUnknownPropertiesAreReported() {
            Reply reply = signup("""
                    {"login_ids":"a","password":1,"metadata":[],"extra":true}""", key());

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.error().get("info").get("causes")).extracting(c -> c.get("pointer").asString())
                    .containsExactly("/extra", "/login_ids", "/metadata", "/password");
        }

        @Test
        void unknownOnUserDuplicateIsEnum() {
            Reply reply = signup(usernameBody("x").replace("}]", "}],\"on_user_duplicate\":\"merge\""), key());

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.error().get("info").get("causes")).containsExactly(json("""
                    {"kind":"Enum","pointer":"/on_user_duplicate",
                     "message":"on_user_duplicate must be one of the following: \\"abort\\", \\"create\\"",
                     "details":{"expected":["abort","create"]}}"""));
        }

        @Test
        void createDuplicateIsRefusedWhereTheTenantDoesNotAllowIt() {
            Reply reply = signup(emailBody(uniqueName("c") + "@example.com").replace("}]", "}],\"on_user_duplicate\":\"create\""),
                    key());

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.error().get("info").get("causes")).containsExactly(json("""
                    {"kind":"General","pointer":"/on_user_duplicate","message":"on_user_duplicate is not allowed"}"""));
        }

        @Test
        void overlongLoginIdIsStringLength() {
            Reply reply = signup(usernameBody("x".repeat(513)), key());

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.error().get("info").get("causes")).containsExactly(json("""
                    {"kind":"StringLength","pointer":"/login_ids/0/value",
                     "message":"String length must be less than or equal to 512","details":{"lte":512}}"""));
        }

        @Test
        void nulCharactersAreRefusedWhereverTheyAre() {
            Reply reply = signup("""
                    {"login_ids":[{"key":"username","value":"a\\u0000b"}],"password":"%s",
                     "metadata":{"k\\u0000/":"v","list":["\\u0000"]}}""".formatted(PASSWORD), key());

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.error().get("info").get("causes"))
                    .extracting(c -> c.get("pointer").asString())
                    .containsExactly("/login_ids/0/value", "/metadata/k\u0000~1", "/metadata/list/0");
        }

        @Test
        void malformedJsonAndWrongContentTypeAreBadRequest() {
            Reply malformed = signup("{\"login_ids\":", key());
            assertThat(malformed.status()).isEqualTo(400);
            assertThat(malformed.error().get("name").asString()).isEqualTo("BadRequest");

            Reply text = auth.send(HttpRequest.newBuilder(auth.server.uri("/_auth/signup"))
                    .headers(key()).header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString(usernameBody("x"))).build());
            assertThat(text.status()).isEqualTo(400);
            assertThat(text.error().get("message").asString()).isEqualTo("request content type is invalid");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Authz {

        @Test
        void withoutKeyIsApiKeyRequired() {
            Reply reply = signup(usernameBody(uniqueName("nokey")));

            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.error()).isEqualTo(json("""
                    {"name":"Unauthorized","reason":"AccessKeyNotAccepted","message":"API key required","code":401}"""));
        }

        @Test
        void wrongKeyIsApiKeyRequired() {
            Reply reply = signup(usernameBody(uniqueName("badkey")), "X-Skygear-API-Key", "not-a-key");

            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.error().get("reason").asString()).isEqualTo("AccessKeyNotAccepted");
        }

        @Test
        void masterKeyOpensNoSession() {
            long before = users(APP_A);
            Reply reply = signup(usernameBody(uniqueName("master")), master(APP_A));

            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.error().get("name").asString()).isEqualTo("Forbidden");
            assertThat(reply.error().get("message").asString()).contains("master key");
            assertThat(users(APP_A)).isEqualTo(before);
        }

        @Test
        void keyOfAnotherTenantIsNoKey() {
            Reply reply = signup(usernameBody(uniqueName("cross")),
                    AuthFixture.APP_HEADER, APP_A, "X-Skygear-API-Key", AuthFixture.apiKey(APP_B, WEB));

            assertThat(reply.status()).isEqualTo(401);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Duplicates {

        @Test
        void sameUsernameTwiceIsLoginIdAlreadyUsed() {
            String name = uniqueName("john.doe");
            auth.signup(name);
            long before = users(APP_A);

            Reply reply = signup(usernameBody(name).replace(PASSWORD, "another-password"), key());

            assertThat(reply.status()).isEqualTo(409);
            assertThat(reply.error()).isEqualTo(json("""
                    {"name":"AlreadyExists","reason":"LoginIDAlreadyUsed","message":"login ID is used by another user",
                     "code":409}"""));
            assertThat(users(APP_A)).isEqualTo(before);
        }

        @Test
        void emailDiffersOnlyInCaseIsTheSameLoginId() {
            String name = uniqueName("case");
            auth.signup(APP_A, emailBody(name + "@example.com"));

            Reply reply = signup(emailBody(name.toUpperCase() + "@EXAMPLE.com"), key());

            assertThat(reply.status()).isEqualTo(409);
        }

        @Test
        void emailDiffersOnlyInUnicodeCompatibilityFormIsTheSameLoginId() {
            String name = uniqueName("nfkc");
            auth.signup(APP_A, emailBody(name + "@example.com"));

            // full-width "ｅｘａｍｐｌｅ" folds to "example" under NFKC
            Reply reply = signup(emailBody(name + "@\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45.com"), key());

            assertThat(reply.status()).isEqualTo(409);
        }

        @Test
        void usernamesStayCaseSensitive() {
            String name = uniqueName("Case");
            auth.signup(name);

            assertThat(signup(usernameBody(name.toLowerCase()), key()).status()).isEqualTo(200);
        }

        @Test
        void emailOfAnOAuthIdentityAbortsByDefault() {
            String email = uniqueName("oauth") + "@example.com";
            insertOAuthIdentity(APP_A, email);

            Reply reply = signup(emailBody(email.toUpperCase()), key());

            assertThat(reply.status()).isEqualTo(409);
            assertThat(reply.error().get("reason").asString()).isEqualTo("LoginIDAlreadyUsed");
        }

        @Test
        void emailOfAnOAuthIdentityCreatesASecondUserWhereAllowed() {
            String email = uniqueName("oauth") + "@example.com";
            String oauthUser = insertOAuthIdentity(APP_B, email);

            Reply reply = signup(emailBody(email).replace("}]", "}],\"on_user_duplicate\":\"create\""), key(APP_B, WEB));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.result().get("user").get("id").asString()).isNotEqualTo(oauthUser);
        }

        @Test
        void fiftyParallelSignupsWithOneLoginIdMakeExactlyOneUser() throws Exception {
            String name = uniqueName("race");
            long usersBefore = users(APP_A);
            long principalsBefore = auth.count("SELECT count(*) FROM app._auth_principal WHERE app_id = ?", APP_A);
            long sessionsBefore = auth.count("SELECT count(*) FROM app._auth_session WHERE app_id = ?", APP_A);
            int n = 50;
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Reply>> replies = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
                for (int i = 0; i < n; i++) {
                    Callable<Reply> call = () -> {
                        go.await();
                        return signup(usernameBody(name), key());
                    };
                    replies.add(pool.submit(call));
                }
                go.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Reply> reply : replies) {
                    statuses.add(reply.get().status());
                }
                assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
                assertThat(statuses).filteredOn(s -> s == 409).hasSize(n - 1);
            }
            assertThat(users(APP_A)).isEqualTo(usersBefore + 1);
            assertThat(auth.count("SELECT count(*) FROM app._auth_principal WHERE app_id = ?", APP_A))
                    .isEqualTo(principalsBefore + 1);
            assertThat(auth.count("SELECT count(*) FROM app._auth_session WHERE app_id = ?", APP_A))
                    .isEqualTo(sessionsBefore + 1);
            assertThat(auth.count("""
                    SELECT count(*) FROM app._core_user u WHERE u.app_id = ? AND NOT EXISTS
                      (SELECT 1 FROM app._auth_principal p WHERE p.user_id = u.id)""", APP_A)).isZero();
            assertThat(auth.count("SELECT count(*) FROM app._auth_user_profile WHERE app_id = ?", APP_A))
                    .isEqualTo(users(APP_A));
        }

        /** An OAuth identity (as SSO would create it) with this e-mail claim; returns its user id. */
        private String insertOAuthIdentity(String appId, String email) {
            String userId = uniqueName("oauth-user");
            String principalId = uniqueName("oauth-principal");
            auth.sql().execute("INSERT INTO app._core_user (id, app_id) VALUES (?, ?)", userId, appId);
            auth.sql().execute("""
                    INSERT INTO app._auth_user_profile (user_id, created_at, updated_at, data, app_id)
                    VALUES (?, now(), now(), '{}', ?)""", userId, appId);
            auth.sql().execute("INSERT INTO app._auth_principal (id, provider, user_id, app_id) VALUES (?, 'oauth', ?, ?)",
                    principalId, userId, appId);
            auth.sql().execute("""
                    INSERT INTO app._auth_provider_oauth (principal_id, provider_type, provider_user_id, claims,
                        _created_at, _updated_at, app_id)
                    VALUES (?, 'google', ?, jsonb_build_object('email', ?::text), now(), now(), ?)""",
                    principalId, principalId, email, appId);
            return userId;
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class TenantIsolation {

        @Test
        void sameUsernameSignsUpInEachTenant() {
            String name = uniqueName("shared");
            Login a = auth.signup(APP_A, usernameBody(name));
            Login b = auth.signup(APP_B, usernameBody(name));

            assertThat(a.userId()).isNotEqualTo(b.userId());
            assertThat(auth.count("SELECT count(*) FROM app._core_user WHERE id = ? AND app_id = ?", b.userId(), APP_B))
                    .isEqualTo(1);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Hooks {

        @Test
        void hooksRunUserCreateThenSessionCreateThenUserSync() {
            String name = uniqueName("hooked");
            Login login = auth.signup(APP_HOOKS, usernameBody(name));

            assertThat(auth.beforeHooks).filteredOn(e -> e.at("/payload/user/id").asString().equals(login.userId()))
                    .extracting(e -> e.get("type").asString())
                    .containsExactly("before_user_create", "before_session_create");
            List<String> after = auth.sql().fetch("""
                    SELECT event_type FROM app._auth_hook_outbox WHERE app_id = ? AND body LIKE ? ORDER BY id""",
                    APP_HOOKS, "%" + login.userId() + "%").getValues(0, String.class);
            assertThat(after).containsExactly("after_user_create", "after_session_create", "user_sync", "user_sync");
        }

        @Test
        void beforeHookRefusalRollsTheSignupBack() {
            long before = users(APP_HOOKS);

            Reply reply = signup("""
                    {"login_ids":[{"key":"username","value":"%s"}],"password":"%s","metadata":{"refuse":true}}"""
                    .formatted(uniqueName("refused"), PASSWORD), key(APP_HOOKS, WEB));

            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.error()).isEqualTo(json("""
                    {"name":"Forbidden","reason":"WebHookDisallowed","message":"disallowed by web-hook event handler",
                     "code":403,"info":{"reasons":[{"reason":"refused by test","data":{"code":7}}]}}"""));
            assertThat(users(APP_HOOKS)).isEqualTo(before);
        }

        @Test
        void beforeHookMutationIsStoredAndReturned() {
            Reply reply = signup("""
                    {"login_ids":[{"key":"username","value":"%s"}],"password":"%s","metadata":{"mutate":true}}"""
                    .formatted(uniqueName("mutated"), PASSWORD), key(APP_HOOKS, WEB));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.result().get("user").get("metadata")).isEqualTo(json("{\"mutated\":true}"));
            Reply me = auth.post("/_auth/me", "{}", headers(key(APP_HOOKS, WEB),
                    bearer(reply.result().get("access_token").asString())));
            assertThat(me.result().get("user").get("metadata")).isEqualTo(json("{\"mutated\":true}"));
        }
    }
}
