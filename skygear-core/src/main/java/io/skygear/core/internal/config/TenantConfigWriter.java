package io.skygear.core.internal.config;

import io.skygear.core.config.ClientConfig;
import io.skygear.core.config.LoginIdKeyConfig;
import io.skygear.core.config.MfaConfig;
import io.skygear.core.config.TemplateItem;
import io.skygear.core.config.TenantConfig;
import io.skygear.core.config.WireValue;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a {@link TenantConfig} in the original's JSON shape. Keys are the record components in
 * snake case; empty strings, zeros, {@code false}, empty lists and empty objects are left out like
 * Go's {@code omitempty}, except the few fields the original always wrote and those whose zero differs
 * from their default (so that parsing the output gives back an equal config).
 */
public final class TenantConfigWriter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final Map<Class<?>, Set<String>> ALWAYS_WRITTEN = Map.of(
            ClientConfig.class, Set.of("id", "name", "apiKey", "sessionTransport"),
            LoginIdKeyConfig.class, Set.of("key"),
            TemplateItem.class, Set.of("digest"),
            // an explicit 0 means "no authenticators", while an absent maximum means the default 1
            MfaConfig.class, Set.of("maximum"));

    private TenantConfigWriter() {
    }

    public static String toJson(TenantConfig config) {
        return TenantConfigParser.JSON.writeValueAsString(object(config));
    }

    private static ObjectNode object(Record record) {
        ObjectNode node = NODES.objectNode();
        Set<String> always = ALWAYS_WRITTEN.getOrDefault(record.getClass(), Set.of());
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            JsonNode value = value(RecordText.read(record, component));
            if (always.contains(component.getName()) || !isEmpty(value)) {
                node.set(snakeCase(component.getName()), value);
            }
        }
        return node;
    }

    private static JsonNode value(Object value) {
        return switch (value) {
            case String s -> NODES.stringNode(s);
            case Integer i -> NODES.numberNode(i);
            case Boolean b -> NODES.booleanNode(b);
            case WireValue w -> NODES.stringNode(w.wireValue());
            case Record r -> object(r);
            case List<?> list -> {
                ArrayNode array = NODES.arrayNode();
                list.forEach(element -> array.add(value(element)));
                yield array;
            }
            case Map<?, ?> map -> TenantConfigParser.JSON.valueToTree(map);
            default -> throw new IllegalArgumentException("unexpected configuration value " + value.getClass());
        };
    }

    private static boolean isEmpty(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> node.stringValue().isEmpty();
            case NUMBER -> node.intValue() == 0;
            case BOOLEAN -> !node.booleanValue();
            case OBJECT, ARRAY -> node.isEmpty();
            default -> node.isNull();
        };
    }

    static String snakeCase(String camelCase) {
        return camelCase.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
    }
}
