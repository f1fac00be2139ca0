package io.skygear.auth.internal.mfa;

import io.skygear.auth.internal.http.WireTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An OOB authenticator: codes sent by SMS to {@code phone} or by e-mail to {@code email} (the other one
 * is the empty string, as stored). Inactive until its first code is confirmed.
 */
public record OobAuthenticator(String id, String userId, boolean activated, Instant createdAt,
                               Optional<Instant> activatedAt, OobChannel channel, String phone, String email) {

    public static final String TYPE = "oob";

    public OobAuthenticator {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(activatedAt, "activatedAt");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(email, "email");
    }

    /** The phone number or e-mail address codes go to. */
    public String target() {
        return channel == OobChannel.SMS ? phone : email;
    }

    /** {@code {id, type:"oob", created_at, activated_at, channel, masked_phone | masked_email}}. */
    public Map<String, Object> toApiModel() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("type", TYPE);
        json.put("created_at", WireTime.rfc3339Nano(createdAt));
        activatedAt.ifPresent(t -> json.put("activated_at", WireTime.rfc3339Nano(t)));
        json.put("channel", channel.wireName());
        switch (channel) {
            case SMS -> json.put("masked_phone", Masking.phone(phone));
            case EMAIL -> json.put("masked_email", Masking.email(email));
        }
        return json;
    }
}
