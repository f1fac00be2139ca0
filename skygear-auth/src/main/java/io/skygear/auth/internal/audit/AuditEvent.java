package io.skygear.auth.internal.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the audit trail.
 *
 * @param type    what happened
 * @param userId  the user concerned; empty for a login failure with an unknown login ID
 * @param loginId the login ID tried, for login failures only
 * @param data    extra facts, e.g. {@code {"type": "forgot_password"}}; never secrets (string values
 *                are masked all the same)
 * @param origin  the request
 */
public record AuditEvent(
        AuditEventType type,
        Optional<String> userId,
        Optional<String> loginId,
        Map<String, Object> data,
        AuditOrigin origin) {

    static final int MAX_LOGIN_ID = 1024;

    public AuditEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(userId, "userId");
        // a login ID comes from the request body: keep what identifies it, not megabytes of it
        loginId = Objects.requireNonNull(loginId, "loginId").map(id -> id.length() <= MAX_LOGIN_ID ? id : id.substring(0, MAX_LOGIN_ID));
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
        Objects.requireNonNull(origin, "origin");
    }

    /** {@code type} for {@code userId}. */
    public static AuditEvent of(AuditEventType type, String userId, AuditOrigin origin) {
        return new AuditEvent(type, Optional.of(userId), Optional.empty(), Map.of(), origin);
    }

    /** A failed login with {@code loginId}; {@code userId} is null when no user has that login ID. */
    public static AuditEvent loginFailure(String loginId, String userId, AuditOrigin origin) {
        return new AuditEvent(AuditEventType.LOGIN_FAILURE, Optional.ofNullable(userId), Optional.of(loginId), Map.of(),
                origin);
    }

    /** This event with {@code data}. */
    public AuditEvent withData(Map<String, ?> data) {
        return new AuditEvent(type, userId, loginId, new LinkedHashMap<>(data), origin);
    }
}
