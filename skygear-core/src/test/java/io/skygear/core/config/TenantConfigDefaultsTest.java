package io.skygear.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading files in the original's format and the defaults the original applied. */
class TenantConfigDefaultsTest {

    private static TenantConfig sample;
    private static TenantConfig minimal;

    @BeforeAll
    static void load() {
        sample = TenantConfig.load(ConfigFixtures.samplePath());
        minimal = TenantConfig.parseYaml(ConfigFixtures.MINIMAL_YAML);
    }

    @Test
    void sampleFileLoadsWithItsValues() {
        assertThat(sample.version()).isEqualTo("1");
        assertThat(sample.appId()).isEqualTo("66EAFE32-BF5C-4878-8FC8-DD0EEA440981");
        assertThat(sample.appName()).isEqualTo("myapp");
        assertThat(sample.appConfig().databaseUrl()).startsWith("postgres://");
        assertThat(sample.appConfig().databaseSchema()).isEqualTo("app");
        assertThat(sample.userConfig().masterKey()).isEqualTo("master_key");
        assertThat(sample.userConfig().cors().origin()).isEqualTo("localhost:3000, *.example.com");
        assertThat(sample.userConfig().clients()).extracting(ClientConfig::id, ClientConfig::apiKey, ClientConfig::sessionTransport)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("web-app", "api_key", SessionTransport.HEADER));
        assertThat(sample.hooks()).containsExactly(
                new HookRegistration("after_signup", "http://localhost:3000/hooks/after_signup"));
        DeploymentRoute route = sample.deploymentRoutes().getFirst();
        assertThat(route.type()).isEqualTo(DeploymentRouteType.HTTP_SERVICE);
        assertThat(route.path()).isEqualTo("/api");
        assertThat(route.backendUrl()).isEqualTo("http://localhost:3001");
        assertThat(route.targetPath()).isEmpty();
    }

    @Test
    void demoConfigOfTheExamplesModuleLoads() {
        TenantConfig demo = TenantConfig.load(Path.of("../examples/src/main/resources/standalone-tenant-config.yaml"));
        assertThat(demo.appId()).isEqualTo("myapp");
        assertThat(demo.appConfig().databaseUrl()).isEqualTo("embedded");
        assertThat(demo.userConfig().client("demo")).map(ClientConfig::apiKey).contains("demo-api-key");
        assertThat(demo.userConfig().masterKey()).isEqualTo("demo-master-key");
        assertThat(demo.userConfig().cors().origin()).isEqualTo("*");
        assertThat(demo.secrets()).doesNotContain("embedded", "app").contains("demo-api-key", "demo-master-key");
    }

    @Test
    void clientLifetimesDefaultLikeTheOriginal() {
        ClientConfig client = sample.userConfig().clients().getFirst();
        assertThat(client.accessTokenLifetime()).isEqualTo(1800);
        assertThat(client.sessionIdleTimeoutEnabled()).isFalse();
        assertThat(client.sessionIdleTimeout()).isEqualTo(300);
        assertThat(client.refreshTokenDisabled()).isFalse();
        assertThat(client.refreshTokenLifetime()).isEqualTo(86400);
        assertThat(client.sameSite()).isEqualTo(SameSite.LAX);
    }

    @Test
    void idleTimeoutIsCappedAndRefreshLifetimeRaisedToTheAccessLifetime() {
        ClientConfig shortLived = client("header", "access_token_lifetime: 120");
        assertThat(shortLived.sessionIdleTimeout()).isEqualTo(120);
        assertThat(shortLived.refreshTokenLifetime()).isEqualTo(86400);

        ClientConfig longLived = client("header", "access_token_lifetime: 100000");
        assertThat(longLived.sessionIdleTimeout()).isEqualTo(300);
        assertThat(longLived.refreshTokenLifetime()).isEqualTo(100000);
    }

    @Test
    void explicitZeroLifetimesMeanTheDefaultAsInTheOriginal() {
        ClientConfig client = client("header", "access_token_lifetime: 0\n      refresh_token_lifetime: 0");
        assertThat(client.accessTokenLifetime()).isEqualTo(1800);
        assertThat(client.refreshTokenLifetime()).isEqualTo(86400);
    }

    @Test
    void cookieClientsAlwaysHaveRefreshTokensDisabled() {
        ClientConfig cookie = client("cookie", "refresh_token_disabled: false\n      same_site: strict");
        assertThat(cookie.sessionTransport()).isEqualTo(SessionTransport.COOKIE);
        assertThat(cookie.refreshTokenDisabled()).isTrue();
        assertThat(cookie.sameSite()).isEqualTo(SameSite.STRICT);
    }

    @Test
    void everySubObjectIsMaterialisedWithDefaults() {
        UserConfig user = minimal.userConfig();
        assertThat(user.clients()).isEmpty();
        assertThat(user.cors().origin()).isEmpty();
        assertThat(user.auth().loginIdKeys()).containsExactly(
                new LoginIdKeyConfig("username", LoginIdType.RAW, 0, 1),
                new LoginIdKeyConfig("email", LoginIdType.EMAIL, 0, 1),
                new LoginIdKeyConfig("phone", LoginIdType.PHONE, 0, 1));
        assertThat(user.auth().allowedRealms()).containsExactly("default");
        assertThat(user.mfa()).isEqualTo(new MfaConfig(false, MfaEnforcement.OPTIONAL, 1, new MfaTotpConfig(0),
                new MfaOobConfig(new MfaOobChannelConfig(0), new MfaOobChannelConfig(0)),
                new MfaBearerTokenConfig(30), new MfaRecoveryCodeConfig(16, false)));
        assertThat(user.userAudit()).isEqualTo(new UserAuditConfig(false, ""));
        assertThat(user.passwordPolicy()).isEqualTo(new PasswordPolicyConfig(0, false, false, false, false, 0, List.of(), 0, 0, 0));
        assertThat(user.forgotPassword()).isEqualTo(new ForgotPasswordConfig(
                "myapp", false, "no-reply@skygeario.com", "Reset password instruction", "", 43200, "", ""));
        assertThat(user.welcomeEmail()).isEqualTo(new WelcomeEmailConfig(
                false, "no-reply@skygeario.com", "Welcome!", "", WelcomeEmailDestination.FIRST));
        assertThat(user.sso()).isEqualTo(new SsoConfig(new CustomTokenConfig(false, "", "", "", false, false, "", ""),
                new OAuthConfig("", List.of(), false, false, false, List.of())));
        assertThat(user.userVerification()).isEqualTo(
                new UserVerificationConfig(false, VerificationCriteria.ANY, "", List.of()));
        assertThat(user.smtp()).isEqualTo(new SmtpConfig("", 25, SmtpMode.NORMAL, "", ""));
        assertThat(user.twilio()).isEqualTo(new TwilioConfig("", "", ""));
        assertThat(user.nexmo()).isEqualTo(new NexmoConfig("", "", ""));
        assertThat(minimal.appConfig().hook()).isEqualTo(new HookTimeoutConfig(5, 10));
        assertThat(minimal.hooks()).isEmpty();
        assertThat(minimal.deploymentRoutes()).isEmpty();
        assertThat(minimal.templateItems()).isEmpty();
    }

    @Test
    void loginIdMaximumDefaultsToTheMinimumWhenOneIsSet() {
        TenantConfig config = withUserConfig("""
                  auth:
                    authentication_session:
                      secret: s
                    login_id_keys:
                      - key: email
                        type: email
                        minimum: 2
                      - key: phone
                        type: phone
                        maximum: 3
                """);
        assertThat(config.userConfig().auth().loginIdKeys()).containsExactly(
                new LoginIdKeyConfig("email", LoginIdType.EMAIL, 2, 2),
                new LoginIdKeyConfig("phone", LoginIdType.PHONE, 0, 3));
    }

    @Test
    void oauthProvidersDefaultTheirIdAndScope() {
        TenantConfig config = withUserConfig("""
                  sso:
                    custom_token:
                      secret: s
                    oauth:
                      state_jwt_secret: s
                      allowed_callback_urls: [ "http://localhost/cb" ]
                      providers:
                        - { type: google, client_id: a, client_secret: b }
                        - { type: facebook, client_id: a, client_secret: b }
                        - { type: instagram, client_id: a, client_secret: b }
                        - { type: linkedin, client_id: a, client_secret: b }
                        - { type: azureadv2, client_id: a, client_secret: b, tenant: t }
                        - { id: work, type: google, client_id: a, client_secret: b, scope: openid }
                """);
        assertThat(config.userConfig().sso().oauth().providers())
                .extracting(OAuthProviderConfig::id, OAuthProviderConfig::scope)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("google", "profile email"),
                        org.assertj.core.groups.Tuple.tuple("facebook", "default email"),
                        org.assertj.core.groups.Tuple.tuple("instagram", "basic"),
                        org.assertj.core.groups.Tuple.tuple("linkedin", "r_liteprofile r_emailaddress"),
                        org.assertj.core.groups.Tuple.tuple("azureadv2", "openid profile email"),
                        org.assertj.core.groups.Tuple.tuple("work", "openid"));
        assertThat(config.userConfig().sso().oauth().provider("work")).isPresent();
    }

    @Test
    void verificationKeysDefaultTheirFormatExpiryAndMail() {
        UserVerificationKeyConfig key = sample.userConfig().userVerification().loginIdKeys().getFirst();
        assertThat(key).isEqualTo(new UserVerificationKeyConfig("email", VerificationCodeFormat.COMPLEX, 3600, "", "",
                "Verification instruction", "no-reply@skygeario.com", ""));
        assertThat(sample.userConfig().userVerification().autoSendOnSignup()).isTrue();
    }

    @Test
    void forgotPasswordAppNameDefaultsToTheAppName() {
        assertThat(sample.userConfig().forgotPassword().appName()).isEqualTo("myapp");
        assertThat(sample.userConfig().forgotPassword().successRedirect())
                .isEqualTo("http://localhost:3000/forgot-password/success");
    }

    @Test
    void unquotedYamlVersionIsAcceptedLikeTheOriginalYamlDecoder() {
        TenantConfig config = TenantConfig.parseYaml(ConfigFixtures.MINIMAL_YAML.replace("version: \"1\"", "version: 1"));
        assertThat(config.version()).isEqualTo("1");
    }

    @Test
    void secretsListEveryNonEmptySecretButNotTheSchema() {
        assertThat(sample.secrets()).containsExactlyInAnyOrder(
                "master_key", "api_key", "authnsessionsecret", "customtokensecret", "oauthstatejwtsecret",
                "hooksecret", "assetsecret", sample.appConfig().databaseUrl(), "localhost", "smtpuser",
                "smtppassword", "googleclientid", "googleclientsecret");
    }

    @Test
    void toStringNeverShowsSecrets() {
        String text = sample.toString();
        assertThat(text).contains("myapp", "web-app", "********");
        for (String secret : sample.secrets()) {
            assertThat(text).doesNotContain(secret.equals("localhost") ? "host=localhost," : secret);
        }
    }

    @Test
    void filesLoadByExtension(@TempDir Path dir) throws IOException {
        Path yml = Files.writeString(dir.resolve("tenant.yml"), ConfigFixtures.MINIMAL_YAML);
        Path json = Files.writeString(dir.resolve("tenant.JSON"), minimal.toJson());
        assertThat(TenantConfig.load(yml)).isEqualTo(minimal);
        assertThat(TenantConfig.load(json)).isEqualTo(minimal);

        Path txt = Files.writeString(dir.resolve("tenant.txt"), ConfigFixtures.MINIMAL_YAML);
        assertThatThrownBy(() -> TenantConfig.load(txt)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(".yaml, .yml or .json");
        assertThatThrownBy(() -> TenantConfig.load(dir.resolve("missing.yaml"))).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("missing.yaml");
    }

    /** The minimal config with one client of this transport and these extra keys. */
    private static ClientConfig client(String transport, String extraKeys) {
        return withUserConfig("""
                  clients:
                    - id: c
                      name: C
                      api_key: k
                      session_transport: %s
                      %s
                """.formatted(transport, extraKeys)).userConfig().clients().getFirst();
    }

    /** The minimal config with these lines (indented by two spaces) added to {@code user_config}. */
    private static TenantConfig withUserConfig(String lines) {
        String yaml = ConfigFixtures.MINIMAL_YAML.replace("  auth:\n    authentication_session:\n      secret: authn-secret\n",
                lines.contains("  auth:") ? "" : "  auth:\n    authentication_session:\n      secret: authn-secret\n");
        return TenantConfig.parseYaml(yaml + lines);
    }
}
