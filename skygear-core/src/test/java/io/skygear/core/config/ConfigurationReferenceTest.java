package io.skygear.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * docs/configuration.md against the config model, so the reference cannot drift: the key paths of
 * the {@link TenantConfig} records (component names in snake case, as the parser reads them; list
 * items as {@code []}) are exactly the documented ones, and every default, enum value and secret the
 * code has is the one the tables show.
 */
class ConfigurationReferenceTest {

    static final Path DOCUMENT = Path.of("..", "docs", "configuration.md");
    static final Pattern CODE = Pattern.compile("`([^`]+)`");
    static final Pattern CELL_SEPARATOR = Pattern.compile("(?<!\\\\)\\|");

    /** A config with every required key (one item per list) and nothing else, so the rest are defaults. */
    static final String REQUIRED_ONLY = """
            version: "1"
            app_id: app-id
            app_name: myapp
            app_config:
              database_url: postgres://localhost/app
              database_schema: app
            user_config:
              clients:
                - id: web
                  name: Web
                  api_key: api-key
                  session_transport: header
              master_key: master-key
              auth:
                authentication_session:
                  secret: authn-secret
                login_id_keys:
                  - key: email
                    type: email
              sso:
                custom_token:
                  secret: custom-token-secret
                oauth:
                  state_jwt_secret: state-secret
                  allowed_callback_urls: [https://app.example.com/callback]
                  providers:
                    - type: google
                      client_id: google-client
                      client_secret: google-secret
              user_verification:
                login_id_keys:
                  - key: email
              hook:
                secret: hook-secret
              asset:
                secret: asset-secret
            hooks:
              - event: after_signup
                url: http://localhost:3000/hook
            deployment_routes:
              - path: /api
                type: http-service
            template_items:
              - type: forgot_password_email.txt
                uri: file:///templates/forgot.txt
            """;

    /** Defaults computed from another value; the table names the source instead of a literal. */
    static final Map<String, String> DERIVED_DEFAULTS = Map.of(
            "user_config.forgot_password.app_name", "top-level `app_name`",
            "user_config.sso.oauth.providers[].id", "the `type` value",
            "user_config.sso.oauth.providers[].scope", "per type");

    /** One documented row, under its full key path. */
    record Row(String type, String defaultValue, String rules) {
    }

    static Map<String, Row> documented;
    static List<String> documentedTwice;
    static Map<String, RecordComponent> leaves;
    static Set<String> containers;

    @BeforeAll
    static void readDocumentAndModel() throws IOException {
        documented = new TreeMap<>();
        documentedTwice = new ArrayList<>();
        parseReference(Files.readAllLines(DOCUMENT));
        leaves = new TreeMap<>();
        containers = new TreeSet<>();
        walk(TenantConfig.class, "");
    }

    // ---- keys ----------------------------------------------------------------------------------

    @Test
    void everyKeyOfTheModelIsDocumented() {
        assertThat(leaves).hasSizeGreaterThan(100);
        Set<String> missing = new TreeSet<>(leaves.keySet());
        missing.removeAll(documented.keySet());
        assertThat(missing).as("keys missing from the reference tables of " + DOCUMENT).isEmpty();
    }

    @Test
    void everyDocumentedKeyExistsInTheModel() {
        Set<String> unknown = new TreeSet<>(documented.keySet());
        unknown.removeAll(leaves.keySet());
        unknown.removeAll(containers);
        assertThat(unknown).as("documented keys the config model does not have").isEmpty();
        assertThat(documentedTwice).as("keys documented in two rows").isEmpty();
    }

    /** The walk's names are the parser's: a document with every key of the walk has no unknown key. */
    @Test
    void theModelsKeysAreExactlyTheKeysTheParserReads() {
        ObjectNode everyKey = sample(TenantConfig.class);
        Logger logger = (Logger) LoggerFactory.getLogger(TenantConfigLoader.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        Object outcome;
        try {
            // placeholder values break cross-key rules; only the unknown-key warning matters here
            outcome = catchThrowable(() -> TenantConfig.loader().withoutEnvironment().parseJson(everyKey.toString()));
        } finally {
            logger.detachAppender(appender);
        }
        if (outcome != null) {
            assertThat(outcome).isInstanceOf(TenantConfigException.class);
        }
        assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage).isEmpty();
    }

    // ---- values --------------------------------------------------------------------------------

    @Test
    void everyDefaultIsTheOneDocumented() throws IOException {
        TenantConfig config = TenantConfig.loader().withoutEnvironment().parseYaml(REQUIRED_ONLY);
        Set<String> written = new TreeSet<>();
        writtenPaths(YAMLMapper.builder().build().readTree(REQUIRED_ONLY), "", written);
        Map<String, Object> values = new TreeMap<>();
        values(config, "", values);
        assertThat(values.keySet()).containsAll(leaves.keySet());

        Map<String, String> wrong = new TreeMap<>();
        values.forEach((path, value) -> {
            Row row = documented.get(path);
            if (written.contains(path) || row == null) {
                return; // an undocumented key fails everyKeyOfTheModelIsDocumented
            }
            String expected = DERIVED_DEFAULTS.getOrDefault(path, "`" + literal(value) + "`");
            String cell = row.defaultValue();
            if (!cell.contains(expected)) {
                wrong.put(path, "code " + expected + ", document " + cell);
            }
        });
        assertThat(wrong).as("defaults that differ from " + DOCUMENT).isEmpty();
    }

    @Test
    void everyDefaultOAuthScopeIsDocumented() throws IOException {
        String document = Files.readString(DOCUMENT);
        for (OAuthProviderType type : OAuthProviderType.values()) {
            assertThat(document).contains("| `" + type.wireValue() + "` | `" + type.defaultScope() + "` |");
        }
    }

    @Test
    void everyEnumValueIsDocumented() {
        Set<String> missing = new TreeSet<>();
        leaves.forEach((path, component) -> {
            Row row = documented.get(path);
            if (component.getType().isEnum() && row != null) {
                for (Object constant : component.getType().getEnumConstants()) {
                    String value = ((WireValue) constant).wireValue();
                    if (!row.type().contains("`" + value + "`")) {
                        missing.add(path + ": " + value);
                    }
                }
            }
        });
        assertThat(missing).as("enum values missing from the type column").isEmpty();
    }

    /** A config whose every string is its own path: {@code secrets()} then names the secret keys. */
    @Test
    void theDocumentedSecretsAreExactlyTheMaskedOnes() throws ReflectiveOperationException {
        TenantConfig config = (TenantConfig) instance(TenantConfig.class, "");
        Set<String> masked = new TreeSet<>(config.secrets());
        Set<String> marked = new TreeSet<>();
        documented.forEach((path, row) -> {
            if (row.rules().contains("**(secret)**")) {
                marked.add(path);
            }
        });
        assertThat(marked).as("keys marked **(secret)** against TenantConfig.secrets()").isEqualTo(masked);
    }

    // ---- the document --------------------------------------------------------------------------

    /**
     * Rows of the "| key |" tables of the "## Reference" section. A table's keys are relative to the
     * first code span of the heading above it ("Top level": the root).
     */
    private static void parseReference(List<String> lines) {
        boolean inReference = false;
        boolean keyTable = false;
        String prefix = "";
        for (String line : lines) {
            if (line.startsWith("## ")) {
                inReference = line.equals("## Reference");
                continue;
            }
            if (!inReference) {
                continue;
            }
            if (line.startsWith("### ") || line.startsWith("#### ")) {
                Matcher m = CODE.matcher(line);
                prefix = m.find() ? m.group(1) : "";
                keyTable = false;
            } else if (line.startsWith("| key |")) {
                keyTable = true;
            } else if (!line.startsWith("|")) {
                keyTable = false;
            } else if (keyTable && line.startsWith("| `")) {
                String[] cells = CELL_SEPARATOR.split(line);
                Row row = new Row(cells[2].strip(), cells[3].strip(), cells[4].strip());
                Matcher keys = CODE.matcher(cells[1]);
                while (keys.find()) {
                    String path = join(prefix, keys.group(1));
                    if (documented.put(path, row) != null) {
                        documentedTwice.add(path);
                    }
                }
            }
        }
    }

    // ---- the model -----------------------------------------------------------------------------

    private static void walk(Class<?> record, String prefix) {
        for (RecordComponent c : record.getRecordComponents()) {
            String path = join(prefix, key(c));
            Class<?> element = c.getType() == List.class ? elementType(c.getGenericType()) : c.getType();
            if (element.isRecord()) {
                containers.add(path);
                walk(element, c.getType() == List.class ? path + "[]" : path);
            } else {
                leaves.put(path, c);
            }
        }
    }

    /** The JSON name: the component name in snake case, as {@code TenantConfigWriter} writes it. */
    private static String key(RecordComponent c) {
        return c.getName().replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
    }

    private static Class<?> elementType(Type listType) {
        return (Class<?>) ((ParameterizedType) listType).getActualTypeArguments()[0];
    }

    private static String join(String prefix, String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }

    /** A JSON document with every key of {@code record}, recursively, each list with one item. */
    private static ObjectNode sample(Class<?> record) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (RecordComponent c : record.getRecordComponents()) {
            node.set(key(c), sampleValue(c.getType(), c.getGenericType()));
        }
        return node;
    }

    private static JsonNode sampleValue(Class<?> type, Type generic) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (type.isRecord()) {
            return sample(type);
        }
        if (type == List.class) {
            Class<?> element = elementType(generic);
            return nodes.arrayNode().add(sampleValue(element, element));
        }
        if (type == String.class) {
            return nodes.stringNode("x");
        }
        if (type == int.class) {
            return nodes.numberNode(1);
        }
        if (type == boolean.class) {
            return nodes.booleanNode(true);
        }
        if (type.isEnum()) {
            return nodes.stringNode(((WireValue) type.getEnumConstants()[0]).wireValue());
        }
        if (type == Map.class) {
            return nodes.objectNode();
        }
        throw new IllegalStateException("unexpected configuration type " + type);
    }

    /** Leaf values by path; for a list of records, those of its first item. */
    private static void values(Record record, String prefix, Map<String, Object> out) {
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            String path = join(prefix, key(c));
            Object value = read(record, c);
            if (value instanceof Record r) {
                values(r, path, out);
            } else if (value instanceof List<?> list && elementType(c.getGenericType()).isRecord()) {
                values((Record) list.getFirst(), path + "[]", out);
            } else {
                out.put(path, value);
            }
        }
    }

    /** Paths of the keys written in a document (list items as {@code []}). */
    private static void writtenPaths(JsonNode node, String prefix, Set<String> out) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String path = join(prefix, field.getKey());
            out.add(path);
            JsonNode value = field.getValue();
            if (value.isObject()) {
                writtenPaths(value, path, out);
            } else if (value.isArray() && !value.isEmpty() && value.get(0).isObject()) {
                writtenPaths(value.get(0), path + "[]", out);
            }
        }
    }

    /** How a value is written in the tables. */
    private static String literal(Object value) {
        return switch (value) {
            case String s when s.isEmpty() -> "\"\"";
            case WireValue w -> w.wireValue();
            case List<?> l when l.isEmpty() -> "[]";
            case Map<?, ?> m when m.isEmpty() -> "{}";
            default -> String.valueOf(value);
        };
    }

    /** An instance whose strings are their own paths and whose lists have one item. */
    private static Object instance(Class<?> type, String path) throws ReflectiveOperationException {
        RecordComponent[] components = type.getRecordComponents();
        Object[] arguments = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            String p = join(path, key(c));
            types[i] = c.getType();
            arguments[i] = switch (c.getType()) {
                case Class<?> t when t.isRecord() -> instance(t, p);
                case Class<?> t when t == List.class -> {
                    Class<?> element = elementType(c.getGenericType());
                    yield List.of(element.isRecord() ? instance(element, p + "[]") : p);
                }
                case Class<?> t when t == String.class -> p;
                case Class<?> t when t == int.class -> 1;
                case Class<?> t when t == boolean.class -> false;
                case Class<?> t when t.isEnum() -> t.getEnumConstants()[0];
                case Class<?> t when t == Map.class -> Map.of();
                default -> throw new IllegalStateException("unexpected configuration type " + c.getType());
            };
        }
        Constructor<?> constructor = type.getDeclaredConstructor(types);
        return constructor.newInstance(arguments);
    }

    private static Object read(Record record, RecordComponent c) {
        try {
            return c.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
