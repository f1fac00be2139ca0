package io.skygear.core.internal.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Converts JSON trees of free-form settings into immutable plain Java values, keeping key order. */
final class JsonValues {

    private JsonValues() {
    }

    static Map<String, Object> toMap(JsonNode object) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            Object v = toValue(e.getValue());
            if (v != null) {
                map.put(e.getKey(), v);
            }
        }
        return Collections.unmodifiableMap(map);
    }

    private static Object toValue(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> toMap(node);
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                node.values().forEach(n -> list.add(toValue(n)));
                yield Collections.unmodifiableList(list);
            }
            case STRING -> node.stringValue();
            case BOOLEAN -> node.booleanValue();
            case NUMBER -> node.numberValue();
            default -> null;
        };
    }
}
