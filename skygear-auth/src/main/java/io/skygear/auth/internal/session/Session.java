package io.skygear.auth.internal.session;

import io.skygear.auth.internal.http.WireTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored session (§5.1): who, through which client and identity, the first and the latest access,
 * and the hashes of its tokens (never the tokens). Times are UTC with microsecond precision.
 *
 * @param principalId the identity the session was opened with
 * @param principalType {@code password}, {@code oauth} or {@code custom_token}
 * @param refreshTokenHash empty when the client has refresh tokens disabled
 */
public record Session(
        String id,
        String appId,
        String clientId,
        String userId,
        String principalId,
        String principalType,
        Instant principalUpdatedAt,
        Optional<SessionAuthenticator> authenticator,
        AccessEvent initialAccess,
        AccessEvent lastAccess,
        Instant createdAt,
        Instant accessedAt,
        String accessTokenHash,
        Optional<String> refreshTokenHash,
        Instant accessTokenCreatedAt) {

    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(principalId, "principalId");
        Objects.requireNonNull(principalType, "principalType");
        principalUpdatedAt = Timestamps.micros(Objects.requireNonNull(principalUpdatedAt, "principalUpdatedAt"));
        Objects.requireNonNull(authenticator, "authenticator");
        Objects.requireNonNull(initialAccess, "initialAccess");
        Objects.requireNonNull(lastAccess, "lastAccess");
        createdAt = Timestamps.micros(Objects.requireNonNull(createdAt, "createdAt"));
        accessedAt = Timestamps.micros(Objects.requireNonNull(accessedAt, "accessedAt"));
        Objects.requireNonNull(accessTokenHash, "accessTokenHash");
        Objects.requireNonNull(refreshTokenHash, "refreshTokenHash");
        accessTokenCreatedAt = Timestamps.micros(Objects.requireNonNull(accessTokenCreatedAt, "accessTokenCreatedAt"));
    }

    /** The same session after {@code event}: {@code accessed_at} and {@code last_access} move. */
    public Session withAccess(AccessEvent event) {
        return new Session(id, appId, clientId, userId, principalId, principalType, principalUpdatedAt,
                authenticator, initialAccess, event, createdAt, event.time(), accessTokenHash, refreshTokenHash,
                accessTokenCreatedAt);
    }

    /** The same session with a newly issued access token. */
    public Session withAccessToken(String hash, Instant createdAt) {
        return new Session(id, appId, clientId, userId, principalId, principalType, principalUpdatedAt,
                authenticator, initialAccess, lastAccess, this.createdAt, accessedAt, hash, refreshTokenHash,
                createdAt);
    }

    /**
     * The Session JSON of the API (§3.1): {@code id, identity_id, identity_type, identity_updated_at,
     * authenticator_*} (only with an authenticator), {@code created_at, last_accessed_at, created_by_ip,
     * last_accessed_by_ip, user_agent}. Times in RFC 3339.
     */
    public Map<String, Object> toApiModel() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("identity_id", principalId);
        json.put("identity_type", principalType);
        json.put("identity_updated_at", WireTime.rfc3339Nano(principalUpdatedAt));
        authenticator.ifPresent(a -> {
            json.put("authenticator_id", a.id());
            json.put("authenticator_type", a.type());
            a.oobChannel().ifPresent(channel -> json.put("authenticator_oob_channel", channel));
            json.put("authenticator_updated_at", WireTime.rfc3339Nano(a.updatedAt()));
        });
        json.put("created_at", WireTime.rfc3339Nano(createdAt));
        json.put("last_accessed_at", WireTime.rfc3339Nano(accessedAt));
        json.put("created_by_ip", initialAccess.remote().ip());
        json.put("last_accessed_by_ip", lastAccess.remote().ip());
        json.put("user_agent", UserAgentParser.parse(lastAccess.userAgent(), lastAccess.deviceName()).toJson());
        return json;
    }
}
