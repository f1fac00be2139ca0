package io.skygear.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.skygear.core.error.ErrorName;
import io.skygear.core.error.ValidationCause;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Broken configurations: every problem is reported at once, at its JSON pointer, with the original's
 * kinds and messages.
 */
class TenantConfigValidationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A valid config with one client, one login ID key per type and an OAuth provider, as JSON. */
    private static ObjectNode base;

    @BeforeAll
    static void loadBase() {
        base = (ObjectNode) YAMLMapper.builder().build().readTree("""
                version: "1"
                app_id: app-id
                app_name: myapp
                app_config: { database_url: "postgres://localhost/app", database_schema: app }
                user_config:
                  clients:
                    - { id: web, name: Web, api_key: api-key, session_transport: header }
                  master_key: master-key
                  auth:
                    authentication_session: { secret: authn-secret }
                    login_id_keys:
                      - { key: email, type: email }
                      - { key: username, type: raw }
                  sso:
                    custom_token: { secret: ct-secret }
                    oauth:
                      state_jwt_secret: state-secret
                      allowed_callback_urls: [ "http://localhost/cb" ]
                      providers:
                        - { type: google, client_id: gid, client_secret: gsecret }
                  user_verification:
                    login_id_keys: [ { key: email } ]
                  hook: { secret: hook-secret }
                  asset: { secret: asset-secret }
                hooks: [ { event: after_signup, url: "http://localhost/hook" } ]
                deployment_routes: [ { path: /api, type: http-service, type_config: { backend_url: "http://b" } } ]
                """);
        TenantConfig.parseJson(base.toString());
    }

    static Stream<Arguments> brokenConfigs() {
        String longName = "a".repeat(41);
        return Stream.of(
                arguments("no version", edits("-/version"),
                        causes("/version|General|only version 1 is supported")),
                arguments("version 2", edits("/version=\"2\""),
                        causes("/version|General|only version 1 is supported")),
                arguments("no app_id", edits("-/app_id"),
                        causes("/app_id|Required|app_id is required")),
                arguments("empty app_name", edits("/app_name=\"\""),
                        causes("/app_name|Required|app_name is required")),
                arguments("app_name starting with a dash", edits("/app_name=\"-a\""),
                        causes("/app_name|General|invalid app name")),
                arguments("app_name ending with a dash", edits("/app_name=\"a-\""),
                        causes("/app_name|General|invalid app name")),
                arguments("app_name of 41 characters", edits("/app_name=\"" + longName + "\""),
                        causes("/app_name|General|invalid app name")),
                arguments("no database_url (the original said /database_url)", edits("-/app_config/database_url"),
                        causes("/app_config/database_url|Required|database_url is required")),
                arguments("no app_config at all", edits("-/app_config"),
                        causes("/app_config/database_schema|Required|database_schema is required",
                                "/app_config/database_url|Required|database_url is required")),
                arguments("API key equal to master key", edits("/user_config/clients/0/api_key=\"master-key\""),
                        causes("/user_config/master_key|General|master key must not be same as API key")),
                arguments("login ID minimum above maximum",
                        edits("/user_config/auth/login_id_keys/0/minimum=2", "/user_config/auth/login_id_keys/0/maximum=1"),
                        causes("/user_config/auth/login_id_keys/0|General|invalid login ID amount range")),
                arguments("login ID maximum 0", edits("/user_config/auth/login_id_keys/1/maximum=0"),
                        causes("/user_config/auth/login_id_keys/1|General|invalid login ID amount range")),
                arguments("no login ID keys", edits("/user_config/auth/login_id_keys=[]",
                                "/user_config/user_verification/login_id_keys=[]"),
                        causes("/user_config/auth/login_id_keys|EntryAmount|Array must have at least 1 items")),
                arguments("login ID keys not a list", edits("/user_config/auth/login_id_keys=\"email\"",
                                "-/user_config/user_verification"),
                        causes("/user_config/auth/login_id_keys|Type|Invalid type. Expected: array, given: string")),
                arguments("unknown login ID type", edits("/user_config/auth/login_id_keys/1/type=\"username\""),
                        causes("/user_config/auth/login_id_keys/1/type|Enum|"
                                + "type must be one of the following: \"raw\", \"email\", \"phone\"")),
                arguments("repeated login ID key", edits("/user_config/auth/login_id_keys/1/key=\"email\""),
                        causes("/user_config/auth/login_id_keys/1/key|General|duplicated login ID key")),
                arguments("client without session transport", edits("-/user_config/clients/0/session_transport"),
                        causes("/user_config/clients/0/session_transport|Required|session_transport is required")),
                arguments("client with unknown session transport",
                        edits("/user_config/clients/0/session_transport=\"body\""),
                        causes("/user_config/clients/0/session_transport|Enum|"
                                + "session_transport must be one of the following: \"header\", \"cookie\"")),
                arguments("client with empty API key", edits("/user_config/clients/0/api_key=\"\""),
                        causes("/user_config/clients/0/api_key|StringLength|String length must be greater than or equal to 1")),
                arguments("client without id and name", edits("-/user_config/clients/0/id", "-/user_config/clients/0/name"),
                        causes("/user_config/clients/0/id|Required|id is required",
                                "/user_config/clients/0/name|Required|name is required")),
                arguments("lifetime as a string", edits("/user_config/clients/0/access_token_lifetime=\"1800\""),
                        causes("/user_config/clients/0/access_token_lifetime|Type|"
                                + "Invalid type. Expected: integer, given: string")),
                arguments("negative lifetime", edits("/user_config/clients/0/access_token_lifetime=-1"),
                        causes("/user_config/clients/0/access_token_lifetime|NumberRange|Must be greater than or equal to 0")),
                arguments("refresh lifetime below access lifetime",
                        edits("/user_config/clients/0/refresh_token_lifetime=100"),
                        causes("/user_config/clients/0/refresh_token_lifetime|General|"
                                + "refresh token lifetime must be greater than or equal to access token lifetime")),
                arguments("idle timeout above access lifetime", edits(
                                "/user_config/clients/0/session_idle_timeout_enabled=true",
                                "/user_config/clients/0/session_idle_timeout=3600"),
                        causes("/user_config/clients/0/session_idle_timeout|General|"
                                + "session idle timeout must be less than or equal to access token lifetime")),
                arguments("unknown same_site", edits("/user_config/clients/0/same_site=\"unset\""),
                        causes("/user_config/clients/0/same_site|Enum|"
                                + "same_site must be one of the following: \"none\", \"lax\", \"strict\"")),
                arguments("repeated client id", edits("/user_config/clients/1={\"id\":\"web\",\"name\":\"Other\","
                                + "\"api_key\":\"other-key\",\"session_transport\":\"cookie\"}"),
                        causes("/user_config/clients/1/id|General|duplicated client ID")),
                arguments("clients not a list", edits("/user_config/clients={}"),
                        causes("/user_config/clients|Type|Invalid type. Expected: array, given: object")),
                arguments("no authentication session", edits("-/user_config/auth/authentication_session"),
                        causes("/user_config/auth/authentication_session|Required|authentication_session is required")),
                arguments("no authentication session secret", edits("/user_config/auth/authentication_session={}"),
                        causes("/user_config/auth/authentication_session/secret|Required|secret is required")),
                arguments("no hook", edits("-/user_config/hook"),
                        causes("/user_config/hook|Required|hook is required")),
                arguments("empty asset secret", edits("/user_config/asset/secret=\"\""),
                        causes("/user_config/asset/secret|Required|secret is required")),
                arguments("master key as a boolean", edits("/user_config/master_key=true"),
                        causes("/user_config/master_key|Type|Invalid type. Expected: string, given: boolean")),
                arguments("MFA maximum 16", edits("/user_config/mfa={\"maximum\":16}"),
                        causes("/user_config/mfa/maximum|NumberRange|Must be less than or equal to 15")),
                arguments("TOTP maximum 6", edits("/user_config/mfa={\"totp\":{\"maximum\":6}}"),
                        causes("/user_config/mfa/totp/maximum|NumberRange|Must be less than or equal to 5")),
                arguments("bearer token of 4000 days", edits("/user_config/mfa={\"bearer_token\":{\"expire_in_days\":4000}}"),
                        causes("/user_config/mfa/bearer_token/expire_in_days|NumberRange|Must be less than or equal to 3650")),
                arguments("4 recovery codes", edits("/user_config/mfa={\"recovery_code\":{\"count\":4}}"),
                        causes("/user_config/mfa/recovery_code/count|NumberRange|Must be greater than or equal to 8")),
                arguments("unknown MFA enforcement", edits("/user_config/mfa={\"enforcement\":\"always\"}"),
                        causes("/user_config/mfa/enforcement|Enum|"
                                + "enforcement must be one of the following: \"off\", \"optional\", \"required\"")),
                arguments("guessable level 5", edits("/user_config/password_policy={\"minimum_guessable_level\":5}"),
                        causes("/user_config/password_policy/minimum_guessable_level|NumberRange|"
                                + "Must be less than or equal to 4")),
                arguments("sso without custom_token", edits("-/user_config/sso/custom_token"),
                        causes("/user_config/sso/custom_token|Required|custom_token is required")),
                arguments("custom token enabled without issuer and audience",
                        edits("/user_config/sso/custom_token/enabled=true"),
                        causes("/user_config/sso/custom_token/audience|Required|audience is required",
                                "/user_config/sso/custom_token/issuer|Required|issuer is required")),
                arguments("no OAuth state secret", edits("-/user_config/sso/oauth/state_jwt_secret"),
                        causes("/user_config/sso/oauth/state_jwt_secret|Required|state_jwt_secret is required")),
                arguments("providers without callback URLs", edits("-/user_config/sso/oauth/allowed_callback_urls"),
                        causes("/user_config/sso/oauth/allowed_callback_urls|Required|allowed_callback_urls is required")),
                arguments("providers with an empty callback URL list",
                        edits("/user_config/sso/oauth/allowed_callback_urls=[]"),
                        causes("/user_config/sso/oauth/allowed_callback_urls|EntryAmount|Array must have at least 1 items")),
                arguments("Azure provider without tenant", edits("/user_config/sso/oauth/providers/0/type=\"azureadv2\""),
                        causes("/user_config/sso/oauth/providers/0/tenant|Required|tenant is required")),
                arguments("provider without client secret", edits("-/user_config/sso/oauth/providers/0/client_secret"),
                        causes("/user_config/sso/oauth/providers/0/client_secret|Required|client_secret is required")),
                arguments("unknown provider type", edits("/user_config/sso/oauth/providers/0/type=\"twitter\""),
                        causes("/user_config/sso/oauth/providers/0/type|Enum|type must be one of the following: "
                                + "\"google\", \"facebook\", \"instagram\", \"linkedin\", \"azureadv2\", \"apple\", \"oidc\"")),
                arguments("provider token endpoint that is not an http URL",
                        edits("/user_config/sso/oauth/providers/0/token_endpoint=\"ftp://x/token\""),
                        causes("/user_config/sso/oauth/providers/0/token_endpoint|StringFormat|Does not match format 'uri'")),
                arguments("relative OIDC issuer", edits("/user_config/sso/oauth/providers/0/issuer=\"/issuer\""),
                        causes("/user_config/sso/oauth/providers/0/issuer|StringFormat|Does not match format 'uri'")),
                arguments("custom token public key that is not PEM",
                        edits("/user_config/sso/custom_token/public_key=\"MIIBIjANBg\""),
                        causes("/user_config/sso/custom_token/public_key|General|"
                                + "public_key must be a PEM public key (-----BEGIN PUBLIC KEY-----)")),
                arguments("custom token JWKS URL that is not absolute", edits("/user_config/sso/custom_token/jwks_url=\"keys.json\""),
                        causes("/user_config/sso/custom_token/jwks_url|StringFormat|Does not match format 'uri'")),
                arguments("two providers with the same id", edits("/user_config/sso/oauth/providers/1="
                                + "{\"id\":\"google\",\"type\":\"facebook\",\"client_id\":\"f\",\"client_secret\":\"s\"}"),
                        causes("/user_config/sso/oauth/providers/1|General|duplicated OAuth provider")),
                arguments("verifying a key that is not a login ID key",
                        edits("/user_config/user_verification/login_id_keys/0/key=\"nickname\""),
                        causes("/user_config/user_verification/login_id_keys/nickname|General|"
                                + "cannot verify disallowed login ID key")),
                arguments("unknown welcome e-mail destination", edits("/user_config/welcome_email={\"destination\":\"some\"}"),
                        causes("/user_config/welcome_email/destination|Enum|"
                                + "destination must be one of the following: \"first\", \"all\"")),
                arguments("SMTP port as text", edits("/user_config/smtp={\"port\":\"abc\"}"),
                        causes("/user_config/smtp/port|Type|Invalid type. Expected: integer, given: string")),
                arguments("user_config not an object", edits("/user_config=\"x\""),
                        causes("/user_config|Type|Invalid type. Expected: object, given: string")),
                arguments("unknown route type", edits("/deployment_routes/0/type=\"ftp\""),
                        causes("/deployment_routes/0/type|Enum|"
                                + "type must be one of the following: \"http-service\", \"http-handler\", \"function\"")),
                arguments("hook without URL", edits("-/hooks/0/url"),
                        causes("/hooks/0/url|Required|url is required")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenConfigs")
    void brokenConfigIsRejectedWithExactlyItsCauses(String name, List<String> edits, List<String> expected) {
        ObjectNode config = base.deepCopy();
        edits.forEach(edit -> apply(config, edit));
        assertThatThrownBy(() -> TenantConfig.parseJson(config.toString()))
                .isInstanceOfSatisfying(TenantConfigException.class, e -> {
                    assertThat(e.name()).isEqualTo(ErrorName.INVALID);
                    assertThat(e.reason()).isEqualTo("ValidationFailed");
                    assertThat(e.causes()).extracting(c -> c.pointer() + "|" + c.kind() + "|" + c.message())
                            .containsExactlyElementsOf(expected);
                });
    }

    @Test
    void emptyUserConfigReportsTheFourRequiredKeys() {
        ObjectNode config = base.deepCopy();
        config.putObject("user_config");
        assertThat(causesOf(config)).containsExactly(
                new ValidationCause("Required", "/user_config/asset", "asset is required"),
                new ValidationCause("Required", "/user_config/auth", "auth is required"),
                new ValidationCause("Required", "/user_config/hook", "hook is required"),
                new ValidationCause("Required", "/user_config/master_key", "master_key is required"));
    }

    @Test
    void validAppNamesOfTheOriginalAreAccepted() {
        for (String name : List.of("a", "123app-production", "a".repeat(40))) {
            ObjectNode config = base.deepCopy();
            config.put("app_name", name);
            assertThat(TenantConfig.parseJson(config.toString()).appName()).isEqualTo(name);
        }
    }

    @Test
    void everyProblemIsReportedAtOnceAndListedInTheMessage() {
        ObjectNode config = base.deepCopy();
        apply(config, "-/version");
        apply(config, "/app_name=\"-bad\"");
        apply(config, "/user_config/clients/0/api_key=\"master-key\"");
        apply(config, "/user_config/mfa={\"recovery_code\":{\"count\":99}}");
        apply(config, "-/user_config/asset/secret");

        TenantConfigException e = catchConfigException(config);
        assertThat(e.causes()).hasSize(5);
        assertThat(e.getMessage()).isEqualTo("""
                invalid tenant configuration:
                  /app_name: invalid app name
                  /user_config/asset/secret: secret is required
                  /user_config/master_key: master key must not be same as API key
                  /user_config/mfa/recovery_code/count: Must be less than or equal to 24
                  /version: only version 1 is supported""");
        assertThat(e.getMessage()).doesNotContain("master-key", "-bad");
    }

    @Test
    void causesCarryMachineReadableDetails() {
        ObjectNode config = base.deepCopy();
        apply(config, "/user_config/clients/0/access_token_lifetime=\"1800\"");
        apply(config, "/user_config/clients/0/same_site=\"unset\"");
        apply(config, "/user_config/mfa={\"maximum\":-1}");
        assertThat(causesOf(config)).extracting(ValidationCause::details).containsExactly(
                Map.of("expected", "integer"),
                Map.of("expected", List.of("none", "lax", "strict")),
                Map.of("gte", 0));
    }

    @Test
    void fileNameAppearsInTheMessage(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("tenant.yaml"), "version: \"2\"\n");
        TenantConfigException e = catchConfigException(() -> TenantConfig.load(file));
        assertThat(e.getMessage()).startsWith("invalid tenant configuration in " + file + ":\n  /app_config/database_schema: ");
    }

    @Test
    void yamlSyntaxErrorsNameTheLineAndColumn() {
        TenantConfigException e = catchConfigException(() -> TenantConfig.parseYaml("""
                version: "1"
                app_id: [unclosed
                app_name: myapp
                """));
        ValidationCause cause = e.causes().getFirst();
        assertThat(e.causes()).hasSize(1);
        assertThat(cause.pointer()).isEmpty();
        assertThat(cause.kind()).isEqualTo("General");
        assertThat(cause.message()).startsWith("YAML syntax error at line 3, column ");
        assertThat(cause.details()).containsEntry("line", 3);
    }

    @Test
    void duplicatedKeysAreSyntaxErrors() {
        TenantConfigException e = catchConfigException(() ->
                TenantConfig.parseYaml("version: \"1\"\nmaster_key: a\nmaster_key: b\n"));
        assertThat(e.causes().getFirst().message()).startsWith("YAML syntax error at line 3").contains("master_key");
        TenantConfigException json = catchConfigException(() -> TenantConfig.parseJson("{\"version\": \"1\",\n\"version\": \"1\"}"));
        assertThat(json.causes().getFirst().message()).startsWith("JSON syntax error at line 2");
    }

    @Test
    void jsonSyntaxErrorsAndNonObjectDocumentsAreCauses() {
        assertThat(catchConfigException(() -> TenantConfig.parseJson("{\"version\": }")).causes().getFirst().message())
                .startsWith("JSON syntax error at line 1, column 13: ");
        assertThat(catchConfigException(() -> TenantConfig.parseYaml("- a\n- b\n")).causes())
                .containsExactly(new ValidationCause("Type", "", "Invalid type. Expected: object, given: array",
                        Map.of("expected", "object")));
    }

    @Test
    void unknownKeysAreIgnoredButLoggedOnceWithTheirPointers() {
        Logger logger = (Logger) LoggerFactory.getLogger(TenantConfigLoader.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            ObjectNode config = base.deepCopy();
            apply(config, "/user_config/master_kye=\"typo\"");
            apply(config, "/user_config/clients/0/refresh_token_lifetme=5");
            apply(config, "/deployment_routes/0/type_config/anything=1");
            assertThat(TenantConfig.parseJson(config.toString()).userConfig().masterKey()).isEqualTo("master-key");
        } finally {
            logger.detachAppender(appender);
        }
        assertThat(appender.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage())
                    .contains("/user_config/master_kye", "/user_config/clients/0/refresh_token_lifetme")
                    .doesNotContain("typo", "anything");
        });
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static List<String> edits(String... edits) {
        return Arrays.asList(edits);
    }

    private static List<String> causes(String... causes) {
        return Arrays.asList(causes);
    }

    /** {@code -/pointer} removes, {@code /pointer=<json>} sets (appending to an array at its size). */
    private static void apply(ObjectNode root, String edit) {
        boolean remove = edit.startsWith("-");
        String pointer = remove ? edit.substring(1) : edit.substring(0, edit.indexOf('='));
        String parentPointer = pointer.substring(0, pointer.lastIndexOf('/'));
        String last = pointer.substring(pointer.lastIndexOf('/') + 1);
        JsonNode parent = parentPointer.isEmpty() ? root : root.at(parentPointer);
        JsonNode value = remove ? null : JSON.readTree(edit.substring(edit.indexOf('=') + 1));
        if (parent instanceof ObjectNode object) {
            if (remove) {
                object.remove(last);
            } else {
                object.set(last, value);
            }
        } else if (parent instanceof tools.jackson.databind.node.ArrayNode array) {
            int index = Integer.parseInt(last);
            if (remove) {
                array.remove(index);
            } else if (index == array.size()) {
                array.add(value);
            } else {
                array.set(index, value);
            }
        } else {
            throw new IllegalArgumentException("no container at " + parentPointer);
        }
    }

    private static List<ValidationCause> causesOf(ObjectNode config) {
        return catchConfigException(config).causes();
    }

    private static TenantConfigException catchConfigException(ObjectNode config) {
        return catchConfigException(() -> TenantConfig.parseJson(config.toString()));
    }

    private static TenantConfigException catchConfigException(Runnable action) {
        try {
            action.run();
        } catch (TenantConfigException e) {
            return e;
        }
        throw new AssertionError("expected a TenantConfigException");
    }
}
