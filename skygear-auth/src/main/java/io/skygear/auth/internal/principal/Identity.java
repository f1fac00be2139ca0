package io.skygear.auth.internal.principal;

import io.skygear.auth.hook.HookIdentity;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One identity (principal) of a user, as the API shows it: {@code {id, type, …attributes, claims}}.
 *
 * @param type       {@code password}, {@code oauth} or {@code custom_token}
 * @param attributes the type's own fields: password {@code login_id_key, login_id}; oauth
 *                   {@code provider_type, provider_keys, provider_user_id, raw_profile}; custom token
 *                   {@code provider_user_id, raw_profile}
 * @param claims     standard claims: {@code email} / {@code phone} when known
 */
public record Identity(String id, String type, String userId, Map<String, Object> attributes,
                       Map<String, Object> claims) {

    public static final String PASSWORD = "password";
    public static final String OAUTH = "oauth";
    public static final String CUSTOM_TOKEN = "custom_token";

    public Identity {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(userId, "userId");
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
    }

    /** The identity as hook payloads carry it. */
    public HookIdentity toHookIdentity() {
        return new HookIdentity(id, type, claims, attributes);
    }

    /** The API's Identity object. */
    public Map<String, Object> toApiModel() {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", id);
        model.put("type", type);
        model.putAll(attributes);
        model.put("claims", claims);
        return model;
    }
}
