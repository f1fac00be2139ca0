package io.skygear.examples.multitenant;

import io.skygear.core.config.TenantConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An app the example provisions: name {@code alpha} gets host {@code alpha.localhost}, schema
 * {@code alpha} and API key {@code alpha-api-key}. Its tenant config is the bundled template
 * {@code multitenant/tenant-config.yaml} with {@code ${APP}} and {@code ${DATABASE_URL}} filled in.
 *
 * @param name app name, app id and schema (lower-case letters)
 * @param plan name of its {@link DemoPlan}
 */
public record DemoTenant(String name, String plan) {

    private static final Pattern NAME = Pattern.compile("[a-z]{1,30}");
    private static final String TEMPLATE = "/multitenant/tenant-config.yaml";

    public DemoTenant {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("app name must be 1 to 30 lower-case letters, got " + name);
        }
        Objects.requireNonNull(plan, "plan");
    }

    /** The host name clients send without a port ({@code curl -H 'Host: alpha.localhost'}). */
    public String host() {
        return name + ".localhost";
    }

    /** The domains that resolve to this app: the host, and with {@code :port} unless it is 80. */
    public List<String> domains(int port) {
        LinkedHashSet<String> domains = new LinkedHashSet<>();
        domains.add(host());
        if (port != 80) {
            domains.add(host() + ":" + port);
        }
        return List.copyOf(domains);
    }

    /** The API key of the template's only client. */
    public String apiKey() {
        return name + "-api-key";
    }

    /** The app's tenant config with its tables in schema {@link #name()} of {@code databaseUrl}. */
    public TenantConfig config(String databaseUrl) {
        return TenantConfig.loader()
                .environment(Map.of("APP", name, "DATABASE_URL", databaseUrl))
                .parseYaml(template());
    }

    private static String template() {
        try (InputStream in = DemoTenant.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("bundled config " + TEMPLATE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
