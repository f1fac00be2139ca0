package io.skygear.auth.hook;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An identity (login method) as hook payloads carry it: the API's Identity object, one JSON object
 * {@code {id, type, claims, …attributes}}. For a password identity the attributes are
 * {@code login_id_key} and {@code login_id}; for OAuth {@code provider_type}, {@code provider_keys},
 * {@code provider_user_id}, {@code raw_profile}; for a custom token {@code provider_user_id},
 * {@code raw_profile}.
 *
 * @param type       {@code password}, {@code oauth} or {@code custom_token}
 * @param claims     e.g. {@code {"email": "…"}}
 * @param attributes the type's own fields, written beside {@code id}, {@code type} and {@code claims}
 */
public record HookIdentity(String id, String type, Map<String, Object> claims, Map<String, Object> attributes) {

    public HookIdentity {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        claims = JsonMaps.copy(claims);
        attributes = JsonMaps.copy(attributes);
        for (String reserved : new String[] {"id", "type", "claims"}) {
            if (attributes.containsKey(reserved)) {
                throw new IllegalArgumentException("attributes must not contain \"" + reserved + "\"");
            }
        }
    }

    /** A password identity: attributes {@code login_id_key} and {@code login_id}. */
    public static HookIdentity password(String id, String loginIdKey, String loginId, Map<String, Object> claims) {
        return new HookIdentity(id, "password", claims, Map.of("login_id_key", loginIdKey, "login_id", loginId));
    }

    /** The JSON object: attributes flattened beside {@code id}, {@code type} and {@code claims}. */
    @JsonValue
    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>(attributes);
        json.put("id", id);
        json.put("type", type);
        json.put("claims", claims);
        return json;
    }
}
