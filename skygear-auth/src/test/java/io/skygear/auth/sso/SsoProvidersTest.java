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
 * Each provider type end to end: Google, Azure AD v2 and Sign in with Apple against the real OpenID
 * provider through endpoint or issuer overrides; Facebook, Instagram and LinkedIn against their fakes;
 * and the access-token login and link.
 */
class SsoProvidersTest {

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

    static JsonNode identityAfterLogin(String provider) {
        Pkce pkce = Pkce.fresh();
        FlowResult flow = sso.flow(APP, provider, "login", CALLBACK, "web_redirect", pkce, null);
        Reply reply = sso.authResult(APP, flow.code(), pkce.verifier());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.result().get("identity");
    }

    @Nested
    class OpenIdConnect {

        @Test
        void googleWithOverriddenEndpointsReadsIdAndEmailFromUserInfo() {
            String id = unique("g");
            sso.nextOidcUser("google", "sub-" + id, Map.of("id", id, "email", id + "@gmail.example"));
            Pkce pkce = Pkce.fresh();
            SsoFixture.Redirected redirected = sso.redirect(APP, sso.authUrl(APP, "google", "login",
                    SsoFixture.authUrlBody(CALLBACK, "web_redirect", pkce.challenge(), null)).result().asString());
            assertThat(SsoFixture.query(redirected.location())).containsEntry("prompt", "select_account")
                    .containsEntry("client_id", "google-client").containsKey("state");
            // the mock provider shows its login form on prompt=select_account; the account is chosen already
            SsoFixture.Redirected chosen = new SsoFixture.Redirected(redirected.status(), java.net.URI.create(
                    redirected.location().toString().replace("prompt=select_account&", "")), redirected.nonceCookie(), "");
            FlowResult flow = SsoFixture.callbackResult(sso.approveAtProvider(APP, chosen));
            JsonNode identity = sso.authResult(APP, flow.code(), pkce.verifier()).result().get("identity");

            assertThat(identity.get("provider_type").asString()).isEqualTo("google");
            assertThat(identity.get("provider_user_id").asString()).isEqualTo(id);
            assertThat(identity.get("claims").get("email").asString()).isEqualTo(id + "@gmail.example");
        }

        @Test
        void azureUsesTheOidClaimKeyedByTenantThroughAFormPost() {
            String oid = unique("oid");
            sso.nextOidcUser("azure", "pairwise-sub", Map.of("oid", oid, "email", oid + "@contoso.example"));
            JsonNode identity = identityAfterLogin("azure");

            assertThat(identity.get("provider_type").asString()).isEqualTo("azureadv2");
            assertThat(identity.get("provider_user_id").asString()).isEqualTo(oid);
            assertThat(identity.get("provider_keys").toString()).isEqualTo("{\"tenant\":\"contoso\"}");
        }

        @Test
        void appleSignsItsClientSecretAndReadsTheIdToken() {
            String subject = unique("apple");
            sso.nextOidcUser("apple", subject, Map.of("email", subject + "@privaterelay.example"));
            JsonNode identity = identityAfterLogin("apple");

            assertThat(identity.get("provider_type").asString()).isEqualTo("apple");
            assertThat(identity.get("provider_user_id").asString()).isEqualTo(subject);
            assertThat(identity.get("claims").get("email").asString()).isEqualTo(subject + "@privaterelay.example");
        }

        @Test
        void theAuthorizationUrlCarriesTheHashedNonceOfTheCookie() {
            SsoFixture.Redirected redirected = sso.redirect(APP, sso.authUrl(APP, "corp", "login",
                    SsoFixture.authUrlBody(CALLBACK, "web_redirect", "c", null)).result().asString());

            assertThat(redirected.nonceCookie()).hasSize(32);
            assertThat(SsoFixture.query(redirected.location()).get("nonce"))
                    .isEqualTo(io.skygear.auth.internal.sso.Pkce.hexSha256(redirected.nonceCookie()));
        }
    }

    @Nested
    class OAuth2 {

        @Test
        void facebookInstagramAndLinkedInMapTheirUserDocuments() {
            for (String provider : new String[] {"facebook", "instagram", "linkedin"}) {
                String id = unique(provider);
                sso.fake.nextUser(id, id + "@example.com");
                JsonNode identity = identityAfterLogin(provider);

                assertThat(identity.get("provider_type").asString()).as(provider).isEqualTo(provider);
                assertThat(identity.get("provider_user_id").asString()).as(provider).isEqualTo(id);
                assertThat(identity.get("claims").get("email").asString()).as(provider).isEqualTo(id + "@example.com");
            }
        }

        @Test
        void facebookAsksForThePopupDisplayInAPopup() {
            SsoFixture.Redirected redirected = sso.redirect(APP, sso.authUrl(APP, "facebook", "login",
                    SsoFixture.authUrlBody(CALLBACK, "web_popup", "c", null)).result().asString());

            assertThat(SsoFixture.query(redirected.location())).containsEntry("display", "popup");
        }
    }

    @Nested
    class AccessTokenFlow {

        @Test
        void loginWithAProviderAccessTokenOpensASession() {
            String id = unique("ext");
            Reply reply = sso.post("/_auth/sso/facebook/login", "{\"access_token\":\"%s\"}"
                    .formatted(sso.fake.issueToken(id, id + "@example.com")), SsoFixture.key(APP));

            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(reply.result().get("identity").get("provider_user_id").asString()).isEqualTo(id);
            assertThat(reply.result().get("access_token").asString()).isNotEmpty();
        }

        @Test
        void anInvalidAccessTokenIsSsoFailed() {
            Reply reply = sso.post("/_auth/sso/facebook/login", "{\"access_token\":\"forged\"}", SsoFixture.key(APP));

            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.error().get("reason").asString()).isEqualTo("SSOFailed");
        }

        @Test
        void mergeWithAnAccessTokenAttachesToTheUserWithThatEmail() {
            String email = unique("dupext") + "@example.com";
            String userId = sso.signup(APP, email).get("user").get("id").asString();
            Reply aborted = sso.post("/_auth/sso/facebook/login", "{\"access_token\":\"%s\"}"
                    .formatted(sso.fake.issueToken(unique("fba"), email)), SsoFixture.key(APP));
            Reply merged = sso.post("/_auth/sso/facebook/login", "{\"access_token\":\"%s\",\"on_user_duplicate\":\"merge\"}"
                    .formatted(sso.fake.issueToken(unique("fbm"), email)), SsoFixture.key(APP));

            assertThat(aborted.status()).isEqualTo(409);
            assertThat(merged.status()).as(merged.body()).isEqualTo(200);
            assertThat(merged.result().get("user").get("id").asString()).isEqualTo(userId);
        }

        @Test
        void theAllowFlagsApplyToTheAccessTokenLoginToo() {
            for (String mode : new String[] {"merge", "create"}) {
                Reply reply = sso.post("/_auth/sso/facebook/login", "{\"access_token\":\"%s\",\"on_user_duplicate\":\"%s\"}"
                        .formatted(sso.fake.issueToken(unique("flag"), "f@example.com"), mode), SsoFixture.key(STRICT));

                assertThat(reply.status()).as(mode).isEqualTo(400);
                assertThat(reply.error().get("info").get("causes").get(0).get("message").asString())
                        .isEqualTo("on_user_duplicate is not allowed");
            }
        }

        @Test
        void theFlowIsNotFoundWhenDisabled() {
            Reply reply = sso.post("/_auth/sso/facebook/login", "{\"access_token\":\"t\"}", SsoFixture.key(SsoFixture.OFF));

            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.error().get("message").asString()).isEqualTo("external access token flow is disabled");
        }

        @Test
        void azureHasNoAccessTokenFlow() {
            Reply reply = sso.post("/_auth/sso/azure/login", "{\"access_token\":\"t\"}", SsoFixture.key(APP));

            assertThat(reply.status()).isEqualTo(404);
        }

        @Test
        void linkWithAnAccessTokenAddsTheIdentityToTheCaller() {
            JsonNode user = sso.signup(APP, unique("extlink") + "@example.com");
            String id = unique("li");
            Reply reply = sso.post("/_auth/sso/linkedin/link", "{\"access_token\":\"%s\"}".formatted(sso.fake.issueToken(id, "x@example.com")),
                    SsoFixture.headers(SsoFixture.key(APP), SsoFixture.bearer(user.get("access_token").asString())));

            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(reply.result().get("user").get("id").asString()).isEqualTo(user.get("user").get("id").asString());
            assertThat(sso.count("SELECT count(*) FROM app._auth_provider_oauth WHERE provider_user_id = ?", id)).isEqualTo(1);
        }

        @Test
        void linkWithoutAccessTokenIsRequired() {
            JsonNode user = sso.signup(APP, unique("extlink2") + "@example.com");
            Reply reply = sso.post("/_auth/sso/facebook/link", "{}",
                    SsoFixture.headers(SsoFixture.key(APP), SsoFixture.bearer(user.get("access_token").asString())));

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.error().get("info").get("causes").get(0).get("pointer").asString()).isEqualTo("/access_token");
        }
    }
}
