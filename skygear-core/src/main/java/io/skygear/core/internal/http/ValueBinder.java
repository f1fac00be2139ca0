package io.skygear.core.internal.http;

import io.skygear.core.error.ValidationCause;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns one JSON value into one Java value of a fixed type, without coercion, collecting a
 * {@link ValidationCause} for every mismatch. Returns {@code null} when the value is invalid (no
 * binder produces {@code null} for valid input: a JSON {@code null} bound to {@link JsonNode} is a
 * {@code NullNode}).
 */
sealed interface ValueBinder {

    Object bind(JsonNode node, String pointer, List<ValidationCause> causes);

    /** The binder for a component or element type; unsupported types fail fast. */
    static ValueBinder of(Type type) {
        if (type instanceof Class<?> c) {
            if (c == String.class) {
                return Scalar.STRING;
            } else if (c == boolean.class || c == Boolean.class) {
                return Scalar.BOOLEAN;
            } else if (c == int.class || c == Integer.class) {
                return new Whole(BigDecimal.valueOf(Integer.MIN_VALUE), BigDecimal.valueOf(Integer.MAX_VALUE), false);
            } else if (c == long.class || c == Long.class) {
                return new Whole(BigDecimal.valueOf(Long.MIN_VALUE), BigDecimal.valueOf(Long.MAX_VALUE), true);
            } else if (c == double.class || c == Double.class) {
                return Scalar.DOUBLE;
            } else if (c == BigDecimal.class) {
                return Scalar.DECIMAL;
            } else if (c == JsonNode.class) {
                return Scalar.ANY;
            } else if (c == ObjectNode.class) {
                return Scalar.OBJECT_NODE;
            } else if (c == ArrayNode.class) {
                return Scalar.ARRAY_NODE;
            } else if (c.isRecord()) {
                return new RecordRef(c);
            }
        } else if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            return new ListOf(of(p.getActualTypeArguments()[0]));
        } else if (type instanceof ParameterizedType p && p.getRawType() == Map.class
                && p.getActualTypeArguments()[0] == String.class) {
            return new MapOf(of(p.getActualTypeArguments()[1]));
        }
        throw new IllegalArgumentException("unsupported type in a JSON body record: " + type.getTypeName()
                + " (use String, boolean, int, long, double, BigDecimal, List, Map<String, …>, JsonNode,"
                + " ObjectNode, ArrayNode or a record; Optional only directly on a component)");
    }

    /** The JSON Schema type name of a value, as the original reported it in "given". */
    static String typeName(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> "object";
            case ARRAY -> "array";
            case STRING -> "string";
            case BOOLEAN -> "boolean";
            case NULL -> "null";
            case NUMBER -> Numbers.isIntegral(node) ? "integer" : "number";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    static Object typeMismatch(JsonNode node, String expected, String pointer, List<ValidationCause> causes) {
        causes.add(new ValidationCause("Type", pointer,
                "Invalid type. Expected: " + expected + ", given: " + typeName(node),
                Map.of("expected", expected)));
        return null;
    }

    /** RFC 6901 reference token escaping. */
    static String child(String pointer, String name) {
        return pointer + "/" + name.replace("~", "~0").replace("/", "~1");
    }

    enum Scalar implements ValueBinder {
        STRING("string") {
            @Override
            Object convert(JsonNode node, String pointer, List<ValidationCause> causes) {
                return node.isString() ? node.stringValue() : null;
            }
        },
        BOOLEAN("boolean") {
            @Override
            Object convert(JsonNode node, String pointer, List<ValidationCause> causes) {
                return node.isBoolean() ? node.booleanValue() : null;
            }
        },
        DOUBLE("number") {
            @Override
            Object convert(JsonNode node, String pointer, List<ValidationCause> causes) {
                if (!node.isNumber()) {
                    return null;
                }
                double value = node.isDouble() || node.isFloat() ? node.doubleValue() : node.decimalValue().doubleValue();
                if (Double.isFinite(value)) {
                    return value;
                }
                causes.add(Numbers.tooLarge(pointer, BigDecimal.valueOf(Double.MAX_VALUE)));
                return null;
            }
        },
        DECIMAL("number") {
            @Override
            Object convert(JsonNode node, String pointer, List<ValidationCause> causes) {
                return node.isNumber() && Numbers.isFinite(node) ? node.decimalValue() : null;
            }
        },
        ANY("any") {
            @Override
            Object convert(JsonNode node, String pointer, List<ValidationCause> causes) {
                return node;
            }
        },
        OBJECT_NODE("object") {
            @Override
            Object convert(JsonNode node, String pointer, List<ValidationCause> causes) {
                return node.isObject() ? node : null;
            }
        },
        ARRAY_NODE("array") {
            @Override
            Object convert(JsonNode node, String pointer, List<ValidationCause> causes) {
                return node.isArray() ? node : null;
            }
        };

        private final String expected;

        Scalar(String expected) {
            this.expected = expected;
        }

        /** The value, or {@code null} for a type mismatch (or after adding its own cause). */
        abstract Object convert(JsonNode node, String pointer, List<ValidationCause> causes);

        @Override
        public Object bind(JsonNode node, String pointer, List<ValidationCause> causes) {
            int before = causes.size();
            Object value = convert(node, pointer, causes);
            if (value == null && causes.size() == before) {
                return typeMismatch(node, expected, pointer, causes);
            }
            return value;
        }
    }

    /** {@code int}/{@code long}: integral numbers (1.0 and 1e2 count, as in JSON Schema) within range. */
    record Whole(BigDecimal min, BigDecimal max, boolean isLong) implements ValueBinder {
        @Override
        public Object bind(JsonNode node, String pointer, List<ValidationCause> causes) {
            if (!node.isNumber() || !Numbers.isIntegral(node)) {
                return typeMismatch(node, "integer", pointer, causes);
            }
            if (node.isInt() || node.isLong() && isLong) {
                return isLong ? (Object) node.longValue() : (Object) node.intValue();
            }
            BigDecimal value = node.decimalValue();
            if (value.compareTo(max) > 0) {
                causes.add(Numbers.tooLarge(pointer, max));
                return null;
            }
            if (value.compareTo(min) < 0) {
                causes.add(Numbers.tooSmall(pointer, min));
                return null;
            }
            return isLong ? (Object) value.longValueExact() : (Object) value.intValueExact();
        }
    }

    record ListOf(ValueBinder element) implements ValueBinder {
        @Override
        public Object bind(JsonNode node, String pointer, List<ValidationCause> causes) {
            if (!node.isArray()) {
                return typeMismatch(node, "array", pointer, causes);
            }
            List<Object> values = new ArrayList<>(node.size());
            boolean valid = true;
            for (int i = 0; i < node.size(); i++) {
                Object value = element.bind(node.get(i), pointer + "/" + i, causes);
                valid &= value != null;
                values.add(value);
            }
            return valid ? Collections.unmodifiableList(values) : null;
        }
    }

    record MapOf(ValueBinder value) implements ValueBinder {
        @Override
        public Object bind(JsonNode node, String pointer, List<ValidationCause> causes) {
            if (!node.isObject()) {
                return typeMismatch(node, "object", pointer, causes);
            }
            Map<String, Object> values = new LinkedHashMap<>();
            boolean valid = true;
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                Object v = value.bind(entry.getValue(), child(pointer, entry.getKey()), causes);
                valid &= v != null;
                values.put(entry.getKey(), v);
            }
            return valid ? Collections.unmodifiableMap(values) : null;
        }
    }

    /** Resolved lazily so that records may refer to each other (or themselves). */
    record RecordRef(Class<?> type) implements ValueBinder {
        @Override
        public Object bind(JsonNode node, String pointer, List<ValidationCause> causes) {
            return RecordBinder.of(type).bind(node, pointer, causes);
        }
    }
}
