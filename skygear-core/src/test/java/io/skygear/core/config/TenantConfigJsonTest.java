package io.skygear.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code toJson()}: the original's JSON shape, Go-style omitempty, and a lossless round trip. */
class TenantConfigJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Sets every field the model has, including non-default ones, so the round trip covers them all. */
    private static final String FULL_YAML = """
            version: "1"
            app_id: 66EAFE32-BF5C-4878-8FC8-DD0EEA440981
            app_name: myapp
            app_config:
              database_url: postgres://user:password@localhost:5432/db?sslmode=disable
              database_schema: app
              hook: { sync_hook_timeout_second: 10, sync_hook_total_timeout_second: 60 }
            user_config:
              clients:
                - { id: web-app, name: Web App, api_key: api_key, session_transport: header,
                    access_token_lifetime: 3600, session_idle_timeout_enabled: true, session_idle_timeout: 600,
                    refresh_token_lifetime: 7200, same_site: none }
                - { id: cookie-app, name: Cookie App, api_key: cookie_key, session_transport: cookie }
              master_key: mymasterkey
              cors: { origin: "localhost:3000" }
              auth:
                authentication_session: { secret: authnsessionsecret }
                login_id_keys:
                  - { key: email, type: email, minimum: 1, maximum: 2 }
                  - { key: username, type: raw }
                on_user_duplicate_allow_create: true
              mfa:
                enabled: true
                enforcement: required
                maximum: 0
                totp: { maximum: 5 }
                oob: { sms: { maximum: 2 }, email: { maximum: 3 } }
                bearer_token: { expire_in_days: 60 }
                recovery_code: { count: 24, list_enabled: true }
              user_audit: { enabled: true, trail_handler_url: "file:///var/log/audit" }
              password_policy:
                min_length: 8
                uppercase_required: true
                lowercase_required: true
                digit_required: true
                symbol_required: true
                minimum_guessable_level: 4
                excluded_keywords: [ admin, password ]
                history_size: 10
                history_days: 90
                expiry_days: 30
              forgot_password:
                app_name: My App
                secure_match: true
                sender: forgot@example.com
                subject: Forgot?
                reply_to: reply@example.com
                reset_url_lifetime: 60
                success_redirect: http://localhost:3000/success
                error_redirect: http://localhost:3000/error
              welcome_email: { enabled: true, sender: w@example.com, subject: Hi, reply_to: r@example.com, destination: all }
              sso:
                custom_token:
                  { enabled: true, issuer: iss, audience: aud, secret: customtokensecret,
                    on_user_duplicate_allow_merge: true, on_user_duplicate_allow_create: true,
                    jwks_url: "https://keys.example.com/jwks.json" }
                oauth:
                  state_jwt_secret: oauthstatejwtsecret
                  allowed_callback_urls: [ "http://localhost:3000/oauth/callback" ]
                  external_access_token_flow_enabled: true
                  on_user_duplicate_allow_merge: true
                  on_user_duplicate_allow_create: true
                  providers:
                    - { id: azure-1, type: azureadv2, client_id: azureid, client_secret: azuresecret, scope: email, tenant: t1 }
                    - { type: apple, client_id: appleid, client_secret: applekey, key_id: k1, team_id: team1 }
                    - { id: corp, type: oidc, client_id: oidcid, client_secret: oidcsecret, issuer: "https://id.example.com",
                        authorization_endpoint: "https://proxy.example.com/auth", token_endpoint: "https://proxy.example.com/token",
                        userinfo_endpoint: "https://proxy.example.com/me", jwks_uri: "https://proxy.example.com/keys" }
              user_verification:
                auto_send_on_signup: true
                criteria: all
                error_redirect: http://localhost:3000/verify/error
                login_id_keys:
                  - { key: email, code_format: numeric, expiry: 60, success_redirect: http://s, error_redirect: http://e,
                      subject: Verify, sender: v@example.com, reply_to: vr@example.com }
              hook: { secret: hook-secret }
              smtp: { host: smtp.example.com, port: 465, mode: ssl, login: user, password: password }
              twilio: { account_sid: sid, auth_token: token, from: "+85212345678" }
              nexmo: { api_key: nexmokey, api_secret: nexmosecret, from: Skygear }
              asset: { secret: assetsecret }
            hooks:
              - { event: after_signup, url: "http://localhost:3000/after_signup" }
            deployment_routes:
              - { version: a, path: /, type: http-service, type_config: { backend_url: "http://localhost:3000" } }
              - { version: a, path: /fn, type: function,
                  type_config: { backend_url: "http://localhost:3001", target_path: /run, retries: 3, tags: [ x, true ] } }
            template_items:
              - { type: forgot_password_email.txt, language_tag: en, key: email, uri: "file:///t.txt", digest: "" }
            """;

    private static TenantConfig full;
    private static TenantConfig minimal;

    @BeforeAll
    static void load() {
        full = TenantConfig.parseYaml(FULL_YAML);
        minimal = TenantConfig.parseYaml(ConfigFixtures.MINIMAL_YAML);
    }

    @Test
    void fullConfigRoundTripsThroughJson() {
        TenantConfig again = TenantConfig.parseJson(full.toJson());
        assertThat(again).isEqualTo(full);
        assertThat(again.toJson()).isEqualTo(full.toJson());
    }

    @Test
    void sampleAndMinimalConfigsRoundTripThroughJson() {
        TenantConfig sample = TenantConfig.load(ConfigFixtures.samplePath());
        assertThat(TenantConfig.parseJson(sample.toJson())).isEqualTo(sample);
        assertThat(TenantConfig.parseJson(minimal.toJson())).isEqualTo(minimal);
    }

    @Test
    void emptyValuesAreOmittedLikeGoOmitempty() {
        JsonNode json = JSON.readTree(minimal.toJson());
        assertThat(json.propertyNames()).containsExactly("version", "app_id", "app_name", "app_config", "user_config");
        JsonNode user = json.get("user_config");
        assertThat(user.has("clients")).isFalse();
        assertThat(user.has("cors")).isFalse();
        assertThat(user.has("twilio")).isFalse();
        assertThat(user.get("smtp").toString()).isEqualTo("{\"port\":25,\"mode\":\"normal\"}");
        assertThat(user.get("mfa").get("enabled")).isNull();
        assertThat(user.get("mfa").get("maximum").intValue()).isEqualTo(1);
        assertThat(user.get("auth").get("login_id_keys").get(0).toString())
                .isEqualTo("{\"key\":\"username\",\"type\":\"raw\",\"maximum\":1}");
        assertThat(user.get("auth").has("allowed_realms")).isFalse();
        assertThat(json.get("app_config").get("hook").toString())
                .isEqualTo("{\"sync_hook_timeout_second\":5,\"sync_hook_total_timeout_second\":10}");
    }

    @Test
    void fieldsTheOriginalAlwaysWroteAreKeptWhenEmpty() {
        JsonNode json = JSON.readTree(full.toJson());
        assertThat(json.get("template_items").get(0).get("digest").stringValue()).isEmpty();
        JsonNode mfa = json.get("user_config").get("mfa");
        assertThat(mfa.get("maximum").intValue()).isZero();
        assertThat(full.userConfig().mfa().maximum()).isZero();
        JsonNode cookieClient = json.get("user_config").get("clients").get(1);
        assertThat(cookieClient.get("refresh_token_disabled").booleanValue()).isTrue();
        assertThat(cookieClient.get("session_transport").stringValue()).isEqualTo("cookie");
    }

    @Test
    void enumsAndFreeFormRouteSettingsKeepTheirWireValues() {
        JsonNode json = JSON.readTree(full.toJson());
        assertThat(json.get("user_config").get("clients").get(0).get("same_site").stringValue()).isEqualTo("none");
        assertThat(json.get("deployment_routes").get(1).toString()).isEqualTo(
                "{\"version\":\"a\",\"path\":\"/fn\",\"type\":\"function\",\"type_config\":{\"backend_url\":"
                        + "\"http://localhost:3001\",\"target_path\":\"/run\",\"retries\":3,\"tags\":[\"x\",true]}}");
        assertThat(full.deploymentRoutes().get(1).targetPath()).isEqualTo("/run");
        assertThat(full.userConfig().sso().oauth().providers())
                .extracting(OAuthProviderConfig::id).containsExactly("azure-1", "apple", "corp");
    }

    @Test
    void providerEndpointOverridesAndCustomTokenKeysAreReadAndWritten() {
        OAuthProviderConfig corp = full.userConfig().sso().oauth().provider("corp").orElseThrow();
        assertThat(corp.authorizationEndpoint()).isEqualTo("https://proxy.example.com/auth");
        assertThat(corp.tokenEndpoint()).isEqualTo("https://proxy.example.com/token");
        assertThat(corp.userinfoEndpoint()).isEqualTo("https://proxy.example.com/me");
        assertThat(corp.jwksUri()).isEqualTo("https://proxy.example.com/keys");
        assertThat(full.userConfig().sso().customToken().jwksUrl()).isEqualTo("https://keys.example.com/jwks.json");
        JsonNode provider = JSON.readTree(full.toJson()).get("user_config").get("sso").get("oauth").get("providers").get(2);
        assertThat(provider.get("userinfo_endpoint").stringValue()).isEqualTo("https://proxy.example.com/me");
        assertThat(provider.get("jwks_uri").stringValue()).isEqualTo("https://proxy.example.com/keys");
    }

    @Test
    void parseJsonTakesEnvironmentReferencesLiterally() {
        String json = minimal.toJson().replace("\"master-key\"", "\"${HOME}-key\"");
        assertThat(TenantConfig.parseJson(json).userConfig().masterKey()).isEqualTo("${HOME}-key");
    }
}
