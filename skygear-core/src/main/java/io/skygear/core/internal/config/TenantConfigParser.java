package io.skygear.core.internal.config;

import io.skygear.core.config.TenantConfig;
import io.skygear.core.config.TenantConfigException;
import io.skygear.core.config.TenantConfigLoader;
import io.skygear.core.error.ValidationCause;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Text to {@link TenantConfig}: parse to a tree, substitute the environment, bind with defaults,
 * check the cross-field rules, then either return the config or throw one
 * {@link TenantConfigException} with every problem.
 */
public final class TenantConfigParser {

    /** Supported text formats. */
    public enum Format { YAML, JSON }

    static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    /** Named after the public entry point, which is what operators configure log levels for. */
    private static final Logger LOG = LoggerFactory.getLogger(TenantConfigLoader.class);

    private TenantConfigParser() {
    }

    /**
     * @param source      a file name for messages, or {@code null}
     * @param environment variable lookup, or {@code null} to take {@code ${...}} literally
     */
    public static TenantConfig parse(String text, Format format, String source, Function<String, String> environment) {
        JsonNode root = readTree(text, format, source);
        Diagnostics diagnostics = new Diagnostics(format == Format.YAML);
        if (environment != null) {
            EnvironmentSubstitution.apply(root, environment, diagnostics);
        }
        TenantConfig config = TenantConfigBinder.bind(ConfigObject.root(root, diagnostics));
        List<ValidationCause> causes = new ArrayList<>(diagnostics.causes());
        causes.addAll(TenantConfigRules.check(config));

        List<String> unknown = diagnostics.unknownKeys();
        if (!unknown.isEmpty()) {
            LOG.warn("Tenant configuration{} has unknown keys, ignored (misspelt?): {}",
                    source == null ? "" : " " + source, String.join(", ", unknown));
        }
        if (!causes.isEmpty()) {
            throw new TenantConfigException(source, causes);
        }
        return config;
    }

    private static JsonNode readTree(String text, Format format, String source) {
        ObjectMapper mapper = format == Format.YAML ? YAML : JSON;
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JacksonException e) {
            throw new TenantConfigException(source, List.of(syntaxError(format, e)));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!root.isObject()) {
            throw new TenantConfigException(source, List.of(Causes.type("", "object", root)));
        }
        return root;
    }

    /**
     * A cause with the line and column. Lines of the parser's message that quote the document are
     * dropped, and so is an unrecognised token: the document may hold secrets.
     */
    private static ValidationCause syntaxError(Format format, JacksonException e) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String problem = original.lines()
                .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
                .map(line -> line.replaceFirst("^Unrecognized token '[^']*'", "Unrecognized token")
                        .replaceFirst(" for `ObjectNode`.*", "")
                        .replaceFirst(" \\(start marker at .*", ""))
                .collect(Collectors.joining("; "));
        TokenStreamLocation at = e.getLocation();
        if (at == null || at.getLineNr() < 1) {
            return Causes.general("", format + " syntax error: " + problem);
        }
        return new ValidationCause("General", "",
                format + " syntax error at line " + at.getLineNr() + ", column " + at.getColumnNr() + ": " + problem,
                Map.of("line", at.getLineNr(), "column", at.getColumnNr()));
    }
}
