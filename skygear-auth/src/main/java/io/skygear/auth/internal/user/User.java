package io.skygear.auth.internal.user;

import io.skygear.auth.hook.HookUser;
import io.skygear.auth.internal.http.WireTime;
import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A user: the {@code _core_user} row (status) with its {@code _auth_user_profile} (metadata).
 *
 * @param createdAt       when the profile was created (the API's {@code created_at})
 * @param disabledMessage shown to the user while disabled
 * @param disabledExpiry  when a disabled user becomes enabled again by itself; empty = never
 * @param verifyInfo      login ID value → verified
 * @param metadata        the developer's free-form JSON object
 */
public record User(
        String id,
        Instant createdAt,
        Optional<Instant> lastLoginAt,
        Optional<Instant> lastSeenAt,
        boolean verified,
        boolean disabled,
        Optional<String> disabledMessage,
        Optional<Instant> disabledExpiry,
        Map<String, Boolean> verifyInfo,
        Map<String, Object> metadata) {

    public static final String DISABLED_REASON = "UserDisabled";

    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        verifyInfo = Collections.unmodifiableMap(new LinkedHashMap<>(verifyInfo));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** A user that has just signed up: enabled, unverified, never logged in. */
    public static User newUser(String id, Instant now, Map<String, Object> metadata) {
        return new User(id, now, Optional.empty(), Optional.empty(), false, false, Optional.empty(),
                Optional.empty(), Map.of(), metadata);
    }

    /** Disabled and not yet past the expiry, if one is set. */
    public boolean isDisabled(Instant now) {
        return disabled && disabledExpiry.map(now::isBefore).orElse(true);
    }

    /** Disabled with an expiry that has passed: the flag is stale and cleared on the next login. */
    public boolean hasExpiredDisable(Instant now) {
        return disabled && !isDisabled(now);
    }

    /** {@link #disabledError(Optional, Optional)} of this user. */
    public SkygearException disabledError() {
        return disabledError(disabledExpiry, disabledMessage);
    }

    /**
     * 403 {@code Forbidden/UserDisabled} "user is disabled" with {@code info.expiry} (RFC 3339) and
     * {@code info.message} when set, as the original's policy wrote it.
     */
    public static SkygearException disabledError(Optional<Instant> expiry, Optional<String> message) {
        Map<String, Object> info = new LinkedHashMap<>();
        expiry.ifPresent(at -> info.put("expiry", WireTime.rfc3339(at)));
        message.filter(m -> !m.isEmpty()).ifPresent(m -> info.put("message", m));
        return new SkygearException(ErrorName.FORBIDDEN, DISABLED_REASON, "user is disabled", info);
    }

    /** The user as hook payloads carry it. */
    public HookUser toHookUser() {
        return new HookUser(id, createdAt, lastLoginAt, verified, disabled, verifyInfo, metadata);
    }

    /** The API's User object: {@code {id, created_at, last_login_at?, is_verified, is_disabled, verify_info, metadata}}. */
    public Map<String, Object> toApiModel() {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", id);
        model.put("created_at", WireTime.rfc3339Nano(createdAt));
        lastLoginAt.ifPresent(at -> model.put("last_login_at", WireTime.rfc3339Nano(at)));
        model.put("is_verified", verified);
        model.put("is_disabled", disabled);
        model.put("verify_info", verifyInfo);
        model.put("metadata", metadata);
        return model;
    }
}
