package io.skygear.auth.internal.hook;

import io.skygear.auth.hook.Mutations;
import io.skygear.core.http.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A before-hook's answer, checked strictly against the original's schema: either
 * {@code {"is_allowed": true, "mutations"?: {is_disabled?, is_verified?, verify_info?, metadata?}}} or
 * {@code {"is_allowed": false, "reason": "<non-empty>", "data"?: {…}}}, with no other properties.
 */
sealed interface HookResponse {

    /** The operation may go on, with these changes to the user. */
    record Allowed(Mutations mutations) implements HookResponse {
    }

    /** The hook refuses the operation; {@code data} is passed to the client as is. */
    record Disallowed(String reason, Optional<Map<String, Object>> data) implements HookResponse {
    }

    Set<String> ALLOWED_KEYS = Set.of("is_allowed", "mutations");
    Set<String> DISALLOWED_KEYS = Set.of("is_allowed", "reason", "data");
    Set<String> MUTATION_KEYS = Set.of("is_disabled", "is_verified", "verify_info", "metadata");

    /** @throws HookDeliveryException naming what is wrong with the answer (never quoting it) */
    static HookResponse parse(byte[] body) throws HookDeliveryException {
        JsonNode root;
        try {
            root = Json.mapper().readTree(body);
        } catch (JacksonException e) {
            throw invalid("not JSON");
        }
        if (root == null || !root.isObject()) {
            throw invalid("not a JSON object");
        }
        JsonNode allowed = root.get("is_allowed");
        if (allowed == null || !allowed.isBoolean()) {
            throw invalid("is_allowed must be a boolean");
        }
        if (allowed.booleanValue()) {
            onlyKeys(root, ALLOWED_KEYS, "");
            JsonNode mutations = root.get("mutations");
            return new Allowed(mutations == null ? Mutations.NONE : mutations(mutations));
        }
        onlyKeys(root, DISALLOWED_KEYS, "");
        JsonNode reason = root.get("reason");
        if (reason == null || !reason.isString() || reason.stringValue().isEmpty()) {
            throw invalid("reason must be a non-empty string when is_allowed is false");
        }
        JsonNode data = root.get("data");
        if (data != null && !data.isObject()) {
            throw invalid("data must be an object");
        }
        return new Disallowed(reason.stringValue(), Optional.ofNullable(data).map(HookResponse::toMap));
    }

    private static Mutations mutations(JsonNode node) throws HookDeliveryException {
        if (!node.isObject()) {
            throw invalid("mutations must be an object");
        }
        onlyKeys(node, MUTATION_KEYS, "mutations.");
        return new Mutations(
                optionalBoolean(node, "is_disabled"),
                optionalBoolean(node, "is_verified"),
                verifyInfo(node.get("verify_info")),
                metadata(node.get("metadata")));
    }

    private static Optional<Boolean> optionalBoolean(JsonNode parent, String key) throws HookDeliveryException {
        JsonNode value = parent.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw invalid("mutations." + key + " must be a boolean");
        }
        return Optional.of(value.booleanValue());
    }

    private static Optional<Map<String, Boolean>> verifyInfo(JsonNode value) throws HookDeliveryException {
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw invalid("mutations.verify_info must be an object");
        }
        Map<String, Boolean> info = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            if (!entry.getValue().isBoolean()) {
                throw invalid("mutations.verify_info values must be booleans");
            }
            info.put(entry.getKey(), entry.getValue().booleanValue());
        }
        return Optional.of(info);
    }

    private static Optional<Map<String, Object>> metadata(JsonNode value) throws HookDeliveryException {
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw invalid("mutations.metadata must be an object");
        }
        return Optional.of(toMap(value));
    }

    private static void onlyKeys(JsonNode node, Set<String> allowed, String prefix) throws HookDeliveryException {
        for (String key : node.propertyNames()) {
            if (!allowed.contains(key)) {
                throw invalid("unexpected property " + prefix + (key.length() <= 64 ? key : key.substring(0, 64) + "…"));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> toMap(JsonNode object) {
        return Json.mapper().convertValue(object, Map.class);
    }

    private static HookDeliveryException invalid(String what) {
        return new HookDeliveryException("invalid hook response: " + what);
    }
}
