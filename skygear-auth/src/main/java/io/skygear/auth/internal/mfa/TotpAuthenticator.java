package io.skygear.auth.internal.mfa;

import io.skygear.auth.internal.http.WireTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A TOTP authenticator; inactive until its first code is confirmed. The secret never leaves after setup. */
public record TotpAuthenticator(String id, String userId, boolean activated, Instant createdAt,
                                Optional<Instant> activatedAt, String secret, String displayName) {

    public static final String TYPE = "totp";

    public TotpAuthenticator {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(activatedAt, "activatedAt");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(displayName, "displayName");
    }

    @Override
    public String toString() {
        return "TotpAuthenticator[id=" + id + ", userId=" + userId + ", activated=" + activated + "]";
    }

    /** {@code {id, type:"totp", created_at, activated_at, display_name}} of the authenticator list. */
    public Map<String, Object> toApiModel() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("type", TYPE);
        json.put("created_at", WireTime.rfc3339Nano(createdAt));
        activatedAt.ifPresent(t -> json.put("activated_at", WireTime.rfc3339Nano(t)));
        json.put("display_name", displayName);
        return json;
    }
}
