package io.skygear.auth.internal.principal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A password identity: one login ID of a user with the user's password hash.
 *
 * @param loginId           the value as the user typed it
 * @param loginIdNormalized the folded form that lookups and the unique constraint use
 * @param passwordHash      {@code $bcrypt-sha512$…} or a legacy plain bcrypt hash
 * @param claims            {@code {email|phone: value}} for e-mail and phone keys, else empty
 */
public record PasswordPrincipal(String id, String userId, String loginIdKey, String loginId, String loginIdNormalized,
                                String realm, String passwordHash, Map<String, Object> claims) {

    /** The only realm the original could reach. */
    public static final String DEFAULT_REALM = "default";

    public PasswordPrincipal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(loginIdKey, "loginIdKey");
        Objects.requireNonNull(loginId, "loginId");
        Objects.requireNonNull(loginIdNormalized, "loginIdNormalized");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(passwordHash, "passwordHash");
        claims = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(claims));
    }

    public PasswordPrincipal withPasswordHash(String hash) {
        return new PasswordPrincipal(id, userId, loginIdKey, loginId, loginIdNormalized, realm, hash, claims);
    }

    public Identity toIdentity() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("login_id_key", loginIdKey);
        attributes.put("login_id", loginId);
        return new Identity(id, Identity.PASSWORD, userId, attributes, claims);
    }
}
