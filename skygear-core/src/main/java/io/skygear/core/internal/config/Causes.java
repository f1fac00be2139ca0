package io.skygear.core.internal.config;

import io.skygear.core.error.ValidationCause;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/** The validation causes a configuration can produce, worded like the original's JSON Schema validator. */
final class Causes {

    private Causes() {
    }

    static ValidationCause general(String pointer, String message) {
        return new ValidationCause("General", pointer, message);
    }

    static ValidationCause required(String pointer, String key) {
        return new ValidationCause("Required", pointer, key + " is required");
    }

    static ValidationCause type(String pointer, String expected, JsonNode given) {
        return new ValidationCause("Type", pointer,
                "Invalid type. Expected: " + expected + ", given: " + typeName(given), Map.of("expected", expected));
    }

    static ValidationCause enumeration(String pointer, String key, List<String> allowed) {
        String list = allowed.stream().map(a -> "\"" + a + "\"").collect(Collectors.joining(", "));
        return new ValidationCause("Enum", pointer, key + " must be one of the following: " + list,
                Map.of("expected", allowed));
    }

    static ValidationCause atLeast(String pointer, int minimum) {
        return new ValidationCause("NumberRange", pointer, "Must be greater than or equal to " + minimum,
                Map.of("gte", minimum));
    }

    static ValidationCause atMost(String pointer, int maximum) {
        return new ValidationCause("NumberRange", pointer, "Must be less than or equal to " + maximum,
                Map.of("lte", maximum));
    }

    static ValidationCause notEmpty(String pointer) {
        return new ValidationCause("StringLength", pointer, "String length must be greater than or equal to 1",
                Map.of("gte", 1));
    }

    static ValidationCause minItems(String pointer, int minimum) {
        return new ValidationCause("EntryAmount", pointer, "Array must have at least " + minimum + " items",
                Map.of("gte", minimum));
    }

    static String typeName(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "string";
            case NUMBER -> node.isIntegralNumber() ? "integer" : "number";
            case BOOLEAN -> "boolean";
            case OBJECT, POJO -> "object";
            case ARRAY -> "array";
            case NULL, MISSING -> "null";
            case BINARY -> "binary";
        };
    }
}
