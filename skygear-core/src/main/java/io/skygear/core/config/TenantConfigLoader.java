package io.skygear.core.config;

import io.skygear.core.internal.config.TenantConfigParser;
import io.skygear.core.internal.config.TenantConfigParser.Format;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Loads tenant configurations, optionally replacing {@code ${NAME}} and {@code ${NAME:-default}}
 * inside string values with environment variables ({@code $${} writes a literal {@code ${}).
 * Immutable; {@link #environment(Map)} and friends return a new loader.
 *
 * <pre>{@code
 * TenantConfig config = TenantConfig.loader().environment(Map.of("DB_URL", url)).load(path);
 * }</pre>
 *
 * Unknown keys are ignored like the original did, but logged in one WARN line naming their JSON
 * pointers so that typos show up.
 */
public final class TenantConfigLoader {

    private static final TenantConfigLoader SYSTEM = new TenantConfigLoader(System::getenv);

    /** {@code null} disables substitution. */
    private final Function<String, String> environment;

    private TenantConfigLoader(Function<String, String> environment) {
        this.environment = environment;
    }

    static TenantConfigLoader systemEnvironment() {
        return SYSTEM;
    }

    /** Substitutes from this map instead of the process environment. */
    public TenantConfigLoader environment(Map<String, String> variables) {
        Map<String, String> copy = Map.copyOf(variables);
        return new TenantConfigLoader(copy::get);
    }

    /** Substitutes with this lookup; it returns {@code null} for an unset variable. */
    public TenantConfigLoader environment(Function<String, String> lookup) {
        return new TenantConfigLoader(Objects.requireNonNull(lookup, "lookup"));
    }

    /** Takes {@code ${...}} literally. */
    public TenantConfigLoader withoutEnvironment() {
        return new TenantConfigLoader(null);
    }

    /**
     * Loads a file; the format follows the extension ({@code .yaml}, {@code .yml}, {@code .json}).
     *
     * @throws TenantConfigException    when the content is invalid
     * @throws IllegalArgumentException for another extension
     * @throws UncheckedIOException     when the file cannot be read
     */
    public TenantConfig load(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        Format format;
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            format = Format.YAML;
        } else if (name.endsWith(".json")) {
            format = Format.JSON;
        } else {
            throw new IllegalArgumentException("tenant configuration file must end in .yaml, .yml or .json: " + file);
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tenant configuration " + file, e);
        }
        return TenantConfigParser.parse(text, format, file.toString(), environment);
    }

    /** Parses YAML text. */
    public TenantConfig parseYaml(String yaml) {
        return TenantConfigParser.parse(yaml, Format.YAML, null, environment);
    }

    /** Parses JSON text. */
    public TenantConfig parseJson(String json) {
        return TenantConfigParser.parse(json, Format.JSON, null, environment);
    }
}
