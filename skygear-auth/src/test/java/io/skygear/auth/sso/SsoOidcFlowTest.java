package io.skygear.auth.sso;

import static io.skygear.auth.sso.SsoFixture.APP;
import static io.skygear.auth.sso.SsoFixture.CALLBACK;
import static io.skygear.auth.sso.SsoFixture.STRICT;
import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.auth.sso.SsoFixture.FlowResult;
import io.skygear.auth.sso.SsoFixture.Pkce;
import io.skygear.auth.sso.SsoFixture.Reply;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The redirect flow against a real OpenID provider (mock-oauth2-server, by discovery): signup, login,
 * duplicate handling, link and unlink, and every way the flow can be refused.
 */
class SsoOidcFlowTest {

    static SsoFixture sso;

    @BeforeAll
    static void start() {
        sso = new SsoFixture();
    }

    @AfterAll
    static void stop() {
        sso.close();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A full login through provider {@code corp} as {@code subject}; the auth_result reply. */
    static Reply login(String app, String subject, String email, String onUserDuplicate) {
        sso.nextOidcUser("corp", subject, email == null ? Map.of() : Map.of("email", email));
        Pkce pkce = Pkce.fresh();
        FlowResult flow = sso.flow(app, "corp", "login", CALLBACK, "web_redirect", pkce, onUserDuplicate);
        return sso.authResult(app, flow.code(), pkce.verifier());
    }

    @Nested
    class LoginAndSignup {

        @Test
        void firstLoginSignsTheUserUpWithAnOAuthIdentity() {
            String subject = unique("alice");
            Reply reply = login(APP, subject, subject + "@example.com", null);

            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            JsonNode identity = reply.result().get("identity");
            assertThat(identity.get("type").asString()).isEqualTo("oauth");
            assertThat(identity.get("provider_type").asString()).isEqualTo("oidc");
            assertThat(identity.get("provider_user_id").asString()).isEqualTo(subject);
            assertThat(identity.get("claims").get("email").asString()).isEqualTo(subject + "@example.com");
            assertThat(identity.get("raw_profile").get("sub").asString()).isEqualTo(subject);
            assertThat(reply.result().get("access_token").asString()).isNotEmpty();
            assertThat(sso.count("SELECT count(*) FROM app._auth_provider_oauth WHERE provider_user_id = ?", subject))
                    .isEqualTo(1);
        }

        @Test
        void secondLoginFindsTheSameUser() {
            String subject = unique("bob");
            String first = login(APP, subject, null, null).result().get("user").get("id").asString();
            Reply second = login(APP, subject, null, null);

            assertThat(second.status()).isEqualTo(200);
            assertThat(second.result().get("user").get("id").asString()).isEqualTo(first);
        }

        @Test
        void signupFiresUserCreateThenSessionCreate() {
            String subject = unique("hooked");
            int before = sso.beforeHooks.size();
            login(APP, subject, null, null);

            assertThat(sso.beforeHookTypes().subList(before, sso.beforeHooks.size()))
                    .containsExactly("before_user_create", "before_session_create");
            assertThat(sso.beforeHooks.get(before + 1).path("payload").path("reason").asString()).isEqualTo("signup");
        }

        @Test
        void signupWithAnEmailQueuesTheWelcomeEmail() {
            String subject = unique("welcome");
            String userId = login(APP, subject, subject + "@example.com", null).result().get("user").get("id").asString();

            assertThat(sso.count("SELECT count(*) FROM app._auth_message_outbox WHERE purpose = 'welcome_email' "
                    + "AND user_id = ? AND recipient = ?", userId, subject + "@example.com")).isEqualTo(1);
        }

        @Test
        void theAccessTokenWorksOnMe() {
            Reply reply = login(APP, unique("carol"), null, null);
            Reply me = sso.post("/_auth/me", "{}", SsoFixture.headers(SsoFixture.key(APP),
                    SsoFixture.bearer(reply.result().get("access_token").asString())));

            assertThat(me.status()).isEqualTo(200);
            assertThat(me.result().get("identity").get("type").asString()).isEqualTo("oauth");
        }
    }
    @Nested
    class DuplicateEmail {

        @Test
        void abortIsTheDefaultAndRefusesAnEmailOfAnotherUser() {
            String email = unique("taken") + "@example.com";
            sso.signup(APP, email);
            sso.nextOidcUser("corp", unique("dup"), Map.of("email", email));
            FlowResult flow = sso.flow(APP, "corp", "login", CALLBACK, "web_redirect", Pkce.fresh(), null);

            assertThat(flow.error().get("reason").asString()).isEqualTo("LoginIDAlreadyUsed");
            assertThat(flow.error().get("code").asInt()).isEqualTo(409);
        }

        @Test
        void mergeAddsTheIdentityToTheUserWithThatEmail() {
            String email = unique("merge") + "@example.com";
            String userId = sso.signup(APP, email).get("user").get("id").asString();
            int before = sso.beforeHooks.size();
            Reply reply = login(APP, unique("merger"), email.toUpperCase(java.util.Locale.ROOT), "merge");

            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(reply.result().get("user").get("id").asString()).isEqualTo(userId);
            assertThat(sso.beforeHookTypes().subList(before, sso.beforeHooks.size()))
                    .containsExactly("before_identity_create", "before_session_create");
        }

        @Test
        void createMakesANewUserDespiteTheEmail() {
            String email = unique("create") + "@example.com";
            String userId = sso.signup(APP, email).get("user").get("id").asString();
            Reply reply = login(APP, unique("creator"), email, "create");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.result().get("user").get("id").asString()).isNotEqualTo(userId);
        }

        @Test
        void mergeAndCreateAreRefusedWhenTheTenantDoesNotAllowThem() {
            for (String mode : new String[] {"merge", "create"}) {
                Reply reply = sso.authUrl(STRICT, "corp", "login",
                        SsoFixture.authUrlBody(CALLBACK, "web_redirect", "challenge", mode));

                assertThat(reply.status()).isEqualTo(400);
                assertThat(reply.error().get("info").get("causes").get(0).toString())
                        .contains("/on_user_duplicate").contains("on_user_duplicate is not allowed");
            }
        }

        @Test
        void anUnknownModeIsAnEnumError() {
            Reply reply = sso.authUrl(APP, "corp", "login", SsoFixture.authUrlBody(CALLBACK, "web_redirect", "c", "replace"));

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.error().get("info").get("causes").get(0).get("kind").asString()).isEqualTo("Enum");
        }
    }

    @Nested
    class LinkAndUnlink {

        @Test
        void aLoggedInUserLinksTheProviderAndCanThenLogInWithIt() {
            JsonNode user = sso.signup(APP, unique("linker") + "@example.com");
            String subject = unique("linked");
            sso.nextOidcUser("corp", subject, Map.of());
            Pkce pkce = Pkce.fresh();
            FlowResult flow = sso.flow(APP, "corp", "link", CALLBACK, "web_redirect", pkce, null,
                    SsoFixture.bearer(user.get("access_token").asString()));
            Reply linked = sso.authResult(APP, flow.code(), pkce.verifier());

            assertThat(linked.status()).as(linked.body()).isEqualTo(200);
            assertThat(linked.result().get("user").get("id").asString()).isEqualTo(user.get("user").get("id").asString());
            assertThat(linked.result().has("access_token")).isFalse();
            assertThat(login(APP, subject, null, null).result().get("user").get("id").asString())
                    .isEqualTo(user.get("user").get("id").asString());
        }

        @Test
        void linkingAProviderUserLinkedToSomeoneElseIsAlreadyLinked() {
            String subject = unique("owned");
            login(APP, subject, null, null);
            JsonNode other = sso.signup(APP, unique("other") + "@example.com");
            sso.nextOidcUser("corp", subject, Map.of());
            FlowResult flow = sso.flow(APP, "corp", "link", CALLBACK, "web_redirect", Pkce.fresh(), null,
                    SsoFixture.bearer(other.get("access_token").asString()));

            assertThat(flow.error().get("reason").asString()).isEqualTo("SSOFailed");
            assertThat(flow.error().get("info").get("cause").get("kind").asString()).isEqualTo("AlreadyLinked");
        }

        @Test
        void linkAuthUrlNeedsALoggedInUser() {
            Reply reply = sso.authUrl(APP, "corp", "link", SsoFixture.authUrlBody(CALLBACK, "web_redirect", "c", null));

            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.error().get("reason").asString()).isEqualTo("NotAuthenticated");
        }

        @Test
        void unlinkingTheIdentityOfTheCurrentSessionIsRefused() {
            Reply session = login(APP, unique("current"), null, null);
            Reply reply = sso.post("/_auth/sso/corp/unlink", "{}", SsoFixture.headers(SsoFixture.key(APP),
                    SsoFixture.bearer(session.result().get("access_token").asString())));

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.error().get("reason").asString()).isEqualTo("CurrentIdentityBeingDeleted");
            assertThat(reply.error().get("message").asString()).isEqualTo("must not delete current identity");
        }

        @Test
        void unlinkRemovesTheIdentityAndTheSessionsOpenedWithIt() {
            String subject = unique("unlinked");
            Reply oauthSession = login(APP, subject, null, null);
            String userId = oauthSession.result().get("user").get("id").asString();
            // a password identity for the same user, so that it can log in without the provider
            sso.database.dsl().execute("INSERT INTO app._auth_principal (id, provider, user_id, app_id) VALUES (?, 'password', ?, ?)",
                    "pw-" + subject, userId, APP);
            sso.database.dsl().execute("""
                    INSERT INTO app._auth_provider_password (principal_id, login_id_key, login_id, login_id_normalized,
                        password, realm, claims, app_id) VALUES (?, 'username', ?, ?, ?, 'default', '{}', ?)""",
                    "pw-" + subject, subject, subject, "$2a$10$/jm/S1sY6ldfL6UZljlJdOAdJojsJfkjg/pqK47Q8WmOLE19tGWQi", APP);
            Reply password = sso.post("/_auth/login", "{\"login_id\":\"%s\",\"password\":\"123456\"}".formatted(subject),
                    SsoFixture.key(APP));
            assertThat(password.status()).as(password.body()).isEqualTo(200);
            int before = sso.beforeHooks.size();

            Reply reply = sso.post("/_auth/sso/corp/unlink", "{}", SsoFixture.headers(SsoFixture.key(APP),
                    SsoFixture.bearer(password.result().get("access_token").asString())));

            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(sso.count("SELECT count(*) FROM app._auth_provider_oauth WHERE provider_user_id = ?", subject)).isZero();
            assertThat(sso.beforeHookTypes().subList(before, sso.beforeHooks.size())).containsExactly("before_identity_delete");
            sso.clock.advance(java.time.Duration.ofSeconds(2));
            Reply me = sso.post("/_auth/me", "{}", SsoFixture.headers(SsoFixture.key(APP),
                    SsoFixture.bearer(oauthSession.result().get("access_token").asString())));
            assertThat(me.status()).isEqualTo(401);
        }
    }

    @Nested
    class Refusals {

        @Test
        void aTamperedStateAtAuthRedirectIsInvalidParams() {
            SsoFixture.Redirected redirected = sso.redirect(APP, sso.server.uri("/_auth/sso/corp/auth_redirect?state=abc.def.ghi").toString());

            assertThat(redirected.status()).isEqualTo(401);
            assertThat(redirected.body()).contains("InvalidParams").contains("invalid sso state");
        }

        @Test
        void aStateOfAnotherTenantIsRefusedAtTheCallback() {
            Reply url = sso.authUrl(APP, "corp", "login", SsoFixture.authUrlBody(CALLBACK, "web_redirect", "c", null));
            SsoFixture.Redirected redirected = sso.redirect(APP, url.result().asString());
            Reply handler = sso.get(sso.server.uri("/_auth/sso/corp/auth_handler?code=x&state=" + redirected.state()),
                    SsoFixture.APP_HEADER, STRICT, "Cookie", "oidc_nonce=" + redirected.nonceCookie());

            assertThat(handler.status()).isEqualTo(400);
            assertThat(handler.body()).isEqualTo("Failed to decode state\n");
        }

        @Test
        void aCallbackWithoutStateIsAPlainTextRefusal() {
            Reply handler = sso.get(sso.server.uri("/_auth/sso/corp/auth_handler?code=x"));

            assertThat(handler.status()).isEqualTo(400);
            assertThat(handler.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
            assertThat(handler.body()).isEqualTo("Failed to decode/validate request\n");
        }

        @Test
        void aCallbackPostThatIsNotAFormIsAPlainTextRefusal() {
            Reply handler = sso.post("/_auth/sso/corp/auth_handler", "{\"code\":\"x\",\"state\":\"y\"}");

            assertThat(handler.status()).isEqualTo(400);
            assertThat(handler.body()).isEqualTo("Failed to decode/validate request\n");
        }

        @Test
        void aWrongCodeVerifierIsInvalidCodeVerifier() {
            sso.nextOidcUser("corp", unique("pkce"), Map.of());
            FlowResult flow = sso.flow(APP, "corp", "login", CALLBACK, "web_redirect", Pkce.fresh(), null);
            Reply reply = sso.authResult(APP, flow.code(), "not-the-verifier");

            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.error().get("info").get("cause").get("kind").asString()).isEqualTo("InvalidCodeVerifier");
            assertThat(reply.error().get("message").asString()).isEqualTo("invalid code verifier");
        }

        @Test
        void aCodeIsRedeemedOnlyOnce() {
            sso.nextOidcUser("corp", unique("replay"), Map.of());
            Pkce pkce = Pkce.fresh();
            FlowResult flow = sso.flow(APP, "corp", "login", CALLBACK, "web_redirect", pkce, null);

            assertThat(sso.authResult(APP, flow.code(), pkce.verifier()).status()).isEqualTo(200);
            Reply replayed = sso.authResult(APP, flow.code(), pkce.verifier());
            assertThat(replayed.status()).isEqualTo(401);
            assertThat(replayed.error().get("message").asString()).isEqualTo("invalid authorization code");
        }

        @Test
        void anExpiredCodeIsRefused() {
            sso.nextOidcUser("corp", unique("late"), Map.of());
            Pkce pkce = Pkce.fresh();
            FlowResult flow = sso.flow(APP, "corp", "login", CALLBACK, "web_redirect", pkce, null);
            sso.clock.advance(java.time.Duration.ofMinutes(5).plusSeconds(1));
            try {
                Reply reply = sso.authResult(APP, flow.code(), pkce.verifier());

                assertThat(reply.status()).isEqualTo(401);
                assertThat(reply.error().get("info").get("cause").get("kind").asString()).isEqualTo("InvalidParams");
            } finally {
                sso.clock.advance(java.time.Duration.ofMinutes(-5).minusSeconds(1));
            }
        }

        @Test
        void aProviderErrorReachesTheCallbackAsSsoFailed() {
            Reply url = sso.authUrl(APP, "corp", "login", SsoFixture.authUrlBody(CALLBACK, "web_redirect", "c", null));
            SsoFixture.Redirected redirected = sso.redirect(APP, url.result().asString());
            FlowResult flow = SsoFixture.callbackResult(sso.get(sso.server.uri("/_auth/sso/corp/auth_handler?error=access_denied&state="
                    + java.net.URLEncoder.encode(redirected.state(), java.nio.charset.StandardCharsets.UTF_8)),
                    SsoFixture.APP_HEADER, APP, "Cookie", "oidc_nonce=" + redirected.nonceCookie()));

            assertThat(flow.location()).startsWith(CALLBACK + "?x-skygear-result=");
            assertThat(flow.error().get("reason").asString()).isEqualTo("SSOFailed");
            assertThat(flow.error().get("info").get("cause").get("kind").asString()).isEqualTo("Unauthorized");
        }

        @Test
        void aProviderThatIsDownIsNetworkFailedNotAServerError() {
            FlowResult flow = sso.flow(APP, "down", "login", CALLBACK, "web_redirect", Pkce.fresh(), null);

            assertThat(flow.error().get("code").asInt()).isEqualTo(401);
            assertThat(flow.error().get("info").get("cause").get("kind").asString()).isEqualTo("NetworkFailed");
        }

        @Test
        void aProviderSlowerThanTheTimeoutIsNetworkFailed() {
            FlowResult flow = sso.flow(APP, "slow", "login", CALLBACK, "web_redirect", Pkce.fresh(), null);

            assertThat(flow.error().get("info").get("cause").get("kind").asString()).isEqualTo("NetworkFailed");
        }

        @Test
        void aCallbackWithoutTheNonceCookieIsUnauthorized() {
            Reply url = sso.authUrl(APP, "corp", "login", SsoFixture.authUrlBody(CALLBACK, "web_redirect", "c", null));
            SsoFixture.Redirected redirected = sso.redirect(APP, url.result().asString());
            FlowResult flow = SsoFixture.callbackResult(sso.get(redirected.location() == null ? null
                    : sso.server.uri("/_auth/sso/corp/auth_handler?code=x&state="
                    + java.net.URLEncoder.encode(redirected.state(), java.nio.charset.StandardCharsets.UTF_8)),
                    SsoFixture.APP_HEADER, APP));

            assertThat(flow.error().get("info").get("cause").get("kind").asString()).isEqualTo("Unauthorized");
        }

        @Test
        void theAuthUrlIsTheGearsRedirectWithASignedStateOfTheFlow() throws Exception {
            Reply reply = sso.authUrl(APP, "google", "login", SsoFixture.authUrlBody(CALLBACK, "web_popup", "chal", "merge"));
            java.net.URI url = java.net.URI.create(reply.result().asString());
            com.nimbusds.jwt.JWTClaimsSet state = com.nimbusds.jwt.SignedJWT.parse(SsoFixture.query(url).get("state"))
                    .getJWTClaimsSet();

            assertThat(url.getPath()).isEqualTo("/_auth/sso/google/auth_redirect");
            assertThat(state.getStringClaim("action")).isEqualTo("login");
            assertThat(state.getStringClaim("callback_url")).isEqualTo(CALLBACK);
            assertThat(state.getStringClaim("ux_mode")).isEqualTo("web_popup");
            assertThat(state.getStringClaim("code_challenge")).isEqualTo("chal");
            assertThat(state.getStringClaim("on_user_duplicate")).isEqualTo("merge");
            assertThat(state.getStringClaim("api_client_id")).isEqualTo("web");
            assertThat(state.getAudience()).containsExactly(APP);
        }

        @Test
        void anUnknownProviderIsNotFound() {
            Reply reply = sso.authUrl(APP, "myspace", "login", SsoFixture.authUrlBody(CALLBACK, "web_redirect", "c", null));

            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.error().get("message").asString()).isEqualTo("unknown provider");
        }

        @Test
        void aMissingCodeChallengeIsRequired() {
            Reply reply = sso.authUrl(APP, "corp", "login", "{\"callback_url\":\"" + CALLBACK + "\",\"ux_mode\":\"web_redirect\"}");

            assertThat(reply.status()).isEqualTo(400);
            JsonNode cause = reply.error().get("info").get("causes").get(0);
            assertThat(cause.get("kind").asString()).isEqualTo("Required");
            assertThat(cause.get("pointer").asString()).isEqualTo("/code_challenge");
        }
    }

    @Nested
    class CallbackAllowList {

        @Test
        void onlyListedCallbackUrlsAreAccepted() {
            for (String url : new String[] {"http://app.example.com/other", "http://app.example.com.evil.io/sso/callback",
                    "https://app.example.com/sso/callback", "http://app.example.com/sso/callback/more", "/sso/callback"}) {
                Reply reply = sso.authUrl(APP, "corp", "login", SsoFixture.authUrlBody(url, "web_redirect", "c", null));

                assertThat(reply.status()).as(url).isEqualTo(400);
                assertThat(reply.error().get("info").get("causes").get(0).get("message").asString())
                        .isEqualTo("callback_url is not allowed");
            }
        }

        @Test
        void queryAndFragmentOfTheCallbackUrlAreIgnoredAndKeptInTheRedirect() {
            sso.nextOidcUser("corp", unique("query"), Map.of());
            FlowResult flow = sso.flow(APP, "corp", "login", CALLBACK + "?from=home#top", "web_redirect", Pkce.fresh(), null);

            assertThat(flow.location()).startsWith(CALLBACK + "?from=home&x-skygear-result=").endsWith("#top");
            assertThat(flow.code()).isNotEmpty();
        }

        @Test
        void mobileAppsGetTheRedirectToTheirScheme() {
            sso.nextOidcUser("corp", unique("mobile"), Map.of());
            FlowResult flow = sso.flow(APP, "corp", "login", SsoFixture.MOBILE_CALLBACK, "mobile_app", Pkce.fresh(), null);

            assertThat(flow.location()).startsWith(SsoFixture.MOBILE_CALLBACK + "?x-skygear-result=");
        }

        @Test
        void ssoConfigListsTheAllowedUrls() {
            Reply reply = sso.post("/_auth/sso/config", "{}", SsoFixture.APP_HEADER, APP);

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.result().get("authorized_urls").toString())
                    .isEqualTo("[\"" + CALLBACK + "\",\"" + SsoFixture.MOBILE_CALLBACK + "\",\""
                            + sso.server.uri(SsoFixture.APP_CALLBACK_PATH) + "\"]");
        }

        @Test
        void webPopupGetsAPageWithTheResultForTheOpener() {
            sso.nextOidcUser("corp", unique("popup"), Map.of());
            Pkce pkce = Pkce.fresh();
            Reply url = sso.authUrl(APP, "corp", "login", SsoFixture.authUrlBody(CALLBACK, "web_popup", pkce.challenge(), null));
            Reply page = sso.approveAtProvider(APP, sso.redirect(APP, url.result().asString()));

            assertThat(page.status()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
            assertThat(page.body()).contains("postMessage").contains("/_auth/sso/config")
                    .contains("\"origin\":\"http://app.example.com\"").contains("{\"result\":\"");
        }
    }
}
