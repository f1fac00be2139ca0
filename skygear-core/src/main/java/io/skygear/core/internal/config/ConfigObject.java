package io.skygear.core.internal.config;

import io.skygear.core.config.WireValue;
import io.skygear.core.error.ValidationCause;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Reads one JSON object of a configuration, key by key, reporting type, range, enum and required
 * problems at their JSON pointers instead of failing. Every getter marks its key as known; keys
 * nobody asked for are reported as unknown afterwards. Readers of absent objects return defaults and
 * report nothing as required: rules only apply to objects that were written.
 */
final class ConfigObject {

    static final int UNBOUNDED = Integer.MAX_VALUE;

    private final JsonNode node;
    private final String pointer;
    private final Diagnostics diagnostics;
    private final Set<String> readKeys = new HashSet<>();

    private ConfigObject(JsonNode node, String pointer, Diagnostics diagnostics) {
        this.node = node;
        this.pointer = pointer;
        this.diagnostics = diagnostics;
        diagnostics.track(this);
    }

    static ConfigObject root(JsonNode node, Diagnostics diagnostics) {
        return new ConfigObject(node, "", diagnostics);
    }

    /** Whether this object was written in the input (or materialised by {@link #materialized}). */
    boolean present() {
        return node != null;
    }

    String pointer() {
        return pointer;
    }

    String pointer(String key) {
        return Pointer.child(pointer, key);
    }

    /** Whether the key is present with a non-null value. */
    boolean has(String key) {
        return value(key) != null;
    }

    // ---- scalars -------------------------------------------------------------------------------

    /** The string value, or {@code ""}. */
    String string(String key) {
        return string(key, "");
    }

    /** The string value; {@code whenEmpty} when absent or empty (the original's defaulting). */
    String string(String key, String whenEmpty) {
        JsonNode v = value(key);
        String s = v == null ? "" : text(pointer(key), v);
        return s.isEmpty() ? whenEmpty : s;
    }

    /** A string that must be present and non-empty (JSON Schema {@code required} after {@code omitempty}). */
    String requiredString(String key) {
        JsonNode v = value(key);
        String s = string(key);
        if (present() && s.isEmpty() && (v == null || v.isString())) {
            diagnostics.add(Causes.required(pointer(key), key));
        }
        return s;
    }

    /** A string that must be present ({@code Required}) and not empty ({@code StringLength}). */
    String nonEmptyString(String key) {
        JsonNode v = value(key);
        String s = string(key);
        if (present() && v == null) {
            diagnostics.add(Causes.required(pointer(key), key));
        } else if (v != null && v.isString() && s.isEmpty()) {
            diagnostics.add(Causes.notEmpty(pointer(key)));
        }
        return s;
    }

    boolean bool(String key) {
        JsonNode v = value(key);
        if (v == null) {
            return false;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        String p = pointer(key);
        if (v.isString() && diagnostics.isSubstituted(p)
                && (v.stringValue().equals("true") || v.stringValue().equals("false"))) {
            return Boolean.parseBoolean(v.stringValue());
        }
        diagnostics.add(Causes.type(p, "boolean", v));
        return false;
    }

    /**
     * An integer where absent and 0 both mean {@code whenZero} (the original's defaulting), checked
     * against {@code [min, max]} after defaulting.
     */
    int integer(String key, int whenZero, int min, int max) {
        long raw = rawInteger(key).orElse(0);
        return inRange(key, raw == 0 ? whenZero : raw, min, max);
    }

    /** An integer whose explicit 0 is meaningful; empty when absent. */
    OptionalInt optionalInteger(String key, int min, int max) {
        OptionalLong raw = rawInteger(key);
        return raw.isPresent() ? OptionalInt.of(inRange(key, raw.getAsLong(), min, max)) : OptionalInt.empty();
    }

    /** An enum value; {@code whenEmpty} when absent or {@code ""}, or after reporting an unknown value. */
    <E extends Enum<E> & WireValue> E enumValue(String key, Class<E> type, E whenEmpty) {
        String s = string(key);
        return s.isEmpty() ? whenEmpty : parseEnum(key, type, s, whenEmpty);
    }

    /** An enum value that must be present; {@code placeholder} is returned after reporting a problem. */
    <E extends Enum<E> & WireValue> E requiredEnum(String key, Class<E> type, E placeholder) {
        JsonNode v = value(key);
        if (v == null) {
            if (present()) {
                diagnostics.add(Causes.required(pointer(key), key));
            }
            return placeholder;
        }
        String s = text(pointer(key), v);
        return v.isString() || !s.isEmpty() ? parseEnum(key, type, s, placeholder) : placeholder;
    }

    // ---- containers ----------------------------------------------------------------------------

    /** The child object; an absent reader when missing or not an object (the latter reported). */
    ConfigObject object(String key) {
        JsonNode v = value(key);
        if (v != null && !v.isObject()) {
            diagnostics.add(Causes.type(pointer(key), "object", v));
            v = null;
        }
        return new ConfigObject(v, pointer(key), diagnostics);
    }

    /** Like {@link #object}, but a missing child counts as written and empty, so its rules apply. */
    ConfigObject materialized(String key) {
        JsonNode v = value(key);
        return v == null ? new ConfigObject(JsonNodeFactory.instance.objectNode(), pointer(key), diagnostics) : object(key);
    }

    /** Like {@link #object}, reporting {@code Required} when this object is written but the child is not. */
    ConfigObject requiredObject(String key) {
        if (present() && !has(key)) {
            diagnostics.add(Causes.required(pointer(key), key));
        }
        return object(key);
    }

    /**
     * The elements of an array of objects. A non-object element is reported and read as an absent
     * object, so indexes keep matching the input.
     */
    List<ConfigObject> objects(String key) {
        List<ConfigObject> result = new ArrayList<>();
        String p = pointer(key);
        JsonNode a = array(key);
        for (int i = 0; i < a.size(); i++) {
            JsonNode element = a.get(i);
            String ep = Pointer.child(p, i);
            if (!element.isObject()) {
                diagnostics.add(Causes.type(ep, "object", element));
                element = null;
            }
            result.add(new ConfigObject(element, ep, diagnostics));
        }
        return result;
    }

    /** The elements of an array of strings. */
    List<String> strings(String key) {
        List<String> result = new ArrayList<>();
        JsonNode a = array(key);
        for (int i = 0; i < a.size(); i++) {
            result.add(text(Pointer.child(pointer(key), i), a.get(i)));
        }
        return result;
    }

    /** A free-form object as plain Java values (maps, lists, strings, numbers, booleans). */
    Map<String, Object> freeform(String key) {
        JsonNode v = value(key);
        if (v != null && !v.isObject()) {
            diagnostics.add(Causes.type(pointer(key), "object", v));
            return Map.of();
        }
        return v == null ? Map.of() : JsonValues.toMap(v);
    }

    /** Reports {@code EntryAmount} when the key is present with fewer than {@code min} items. */
    void minItems(String key, int min) {
        JsonNode v = value(key);
        if (v != null && v.isArray() && v.size() < min) {
            diagnostics.add(Causes.minItems(pointer(key), min));
        }
    }

    /** Reports a problem found by a rule that spans several keys. */
    void report(ValidationCause cause) {
        diagnostics.add(cause);
    }

    /** Pointers of this object's keys that no getter asked for. */
    List<String> unreadKeys() {
        if (node == null) {
            return List.of();
        }
        return node.propertyNames().stream().filter(k -> !readKeys.contains(k)).map(this::pointer).toList();
    }

    // ---- helpers -------------------------------------------------------------------------------

    private JsonNode value(String key) {
        readKeys.add(key);
        JsonNode v = node == null ? null : node.get(key);
        return v == null || v.isNull() ? null : v;
    }

    /** The array at key, or an empty one (a non-array is reported). */
    private JsonNode array(String key) {
        JsonNode v = value(key);
        if (v == null) {
            return JsonNodeFactory.instance.arrayNode();
        }
        if (!v.isArray()) {
            diagnostics.add(Causes.type(pointer(key), "array", v));
            return JsonNodeFactory.instance.arrayNode();
        }
        return v;
    }

    private String text(String at, JsonNode v) {
        if (v.isString()) {
            return v.stringValue();
        }
        if (diagnostics.lenientScalars() && (v.isIntegralNumber() || v.isBoolean())) {
            return v.asString();
        }
        diagnostics.add(Causes.type(at, "string", v));
        return "";
    }

    private OptionalLong rawInteger(String key) {
        JsonNode v = value(key);
        if (v == null) {
            return OptionalLong.empty();
        }
        if (v.isIntegralNumber()) {
            BigInteger b = v.bigIntegerValue();
            long clamped = b.bitLength() < 63 ? b.longValue() : b.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
            return OptionalLong.of(clamped);
        }
        String p = pointer(key);
        if (v.isString() && diagnostics.isSubstituted(p)) {
            try {
                return OptionalLong.of(Long.parseLong(v.stringValue().trim()));
            } catch (NumberFormatException e) {
                // reported as a type problem below
            }
        }
        diagnostics.add(Causes.type(p, "integer", v));
        return OptionalLong.empty();
    }

    private int inRange(String key, long value, int min, int max) {
        if (value < min) {
            diagnostics.add(Causes.atLeast(pointer(key), min));
            return min;
        }
        if (value > max) {
            diagnostics.add(Causes.atMost(pointer(key), max));
            return max;
        }
        return (int) value;
    }

    private <E extends Enum<E> & WireValue> E parseEnum(String key, Class<E> type, String s, E fallback) {
        E[] constants = type.getEnumConstants();
        for (E e : constants) {
            if (e.wireValue().equals(s)) {
                return e;
            }
        }
        List<String> allowed = Arrays.stream(constants).map(WireValue::wireValue).toList();
        diagnostics.add(Causes.enumeration(pointer(key), key, allowed));
        return fallback;
    }
}
