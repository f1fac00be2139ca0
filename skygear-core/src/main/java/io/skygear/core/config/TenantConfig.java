package io.skygear.core.config;

import io.skygear.core.internal.config.RecordText;
import io.skygear.core.internal.config.TenantConfigWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One tenant (app): the original's {@code TenantConfiguration} with the same YAML/JSON keys.
 * Instances come validated and with every default applied from {@link #load(Path)},
 * {@link #parseYaml(String)}, {@link #parseJson(String)} or {@link #loader()}.
 *
 * <pre>{@code
 * TenantConfig config = TenantConfig.load(Path.of("standalone-tenant-config.yaml"));
 * }</pre>
 */
public record TenantConfig(
        String version,
        String appId,
        String appName,
        AppConfig appConfig,
        UserConfig userConfig,
        List<HookRegistration> hooks,
        List<DeploymentRoute> deploymentRoutes,
        List<TemplateItem> templateItems) {

    public TenantConfig {
        hooks = List.copyOf(hooks);
        deploymentRoutes = List.copyOf(deploymentRoutes);
        templateItems = List.copyOf(templateItems);
    }

    /**
     * Loads a {@code .yaml}, {@code .yml} or {@code .json} file, substituting {@code ${NAME}} from the
     * process environment.
     *
     * @throws TenantConfigException listing every problem when the file is invalid
     */
    public static TenantConfig load(Path file) {
        return loader().load(file);
    }

    /** Parses YAML text, substituting {@code ${NAME}} from the process environment. */
    public static TenantConfig parseYaml(String yaml) {
        return loader().parseYaml(yaml);
    }

    /**
     * Parses JSON text such as a config database row. No environment substitution: rows are tenant
     * data and must not read the host's environment.
     */
    public static TenantConfig parseJson(String json) {
        return loader().withoutEnvironment().parseJson(json);
    }

    /** A loader reading {@code ${NAME}} from the process environment; see {@link TenantConfigLoader}. */
    public static TenantConfigLoader loader() {
        return TenantConfigLoader.systemEnvironment();
    }

    /**
     * The original's JSON shape, empty values omitted (Go {@code omitempty}); suitable as a config
     * database row, and {@link #parseJson(String)} gives back an equal config. Contains secrets.
     */
    public String toJson() {
        return TenantConfigWriter.toJson(this);
    }

    /**
     * Every non-empty secret value, for masking logs: master key, API keys, signing secrets, database
     * URL, SMTP/Twilio/Nexmo credentials, OAuth client ids and secrets.
     */
    public Set<String> secrets() {
        UserConfig u = userConfig;
        Stream<String> fixed = Stream.of(
                u.masterKey(),
                u.auth().authenticationSession().secret(),
                u.sso().customToken().secret(),
                u.sso().oauth().stateJwtSecret(),
                u.hook().secret(),
                u.asset().secret(),
                // "embedded" is a keyword, not a secret; masking it would garble unrelated log lines.
                "embedded".equals(appConfig.databaseUrl()) ? "" : appConfig.databaseUrl(),
                // database_schema is deliberately left out: the original masked it too, which turned
                // short schema names such as "app" into "********" everywhere in the logs.
                u.smtp().host(), u.smtp().login(), u.smtp().password(),
                u.twilio().accountSid(), u.twilio().authToken(),
                u.nexmo().apiKey(), u.nexmo().apiSecret());
        Stream<String> apiKeys = u.clients().stream().map(ClientConfig::apiKey);
        Stream<String> oauth = u.sso().oauth().providers().stream()
                .flatMap(p -> Stream.of(p.clientId(), p.clientSecret()));
        Set<String> secrets = new LinkedHashSet<>();
        Stream.of(fixed, apiKeys, oauth).flatMap(s -> s).filter(s -> !s.isEmpty()).forEach(secrets::add);
        return Set.copyOf(secrets);
    }

    @Override
    public String toString() {
        return RecordText.redacted(this);
    }
}
