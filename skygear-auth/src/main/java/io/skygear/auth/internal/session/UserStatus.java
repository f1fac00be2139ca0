package io.skygear.auth.internal.session;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The user row facts a token check carries along (the original's AuthInfo): enough for
 * {@code RequireValidUser} and the gateway's {@code x-skygear-user-*} headers without another query.
 * Cached with the session; {@link SessionService#evictUser} refreshes it on every node.
 */
public record UserStatus(String userId, boolean verified, boolean disabled, Optional<String> disabledMessage,
        Optional<Instant> disabledExpiry) {

    public UserStatus {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(disabledMessage, "disabledMessage");
        Objects.requireNonNull(disabledExpiry, "disabledExpiry");
    }

    /** Disabled at {@code now}: the flag is set and its expiry, if any, is still ahead. */
    public boolean isDisabled(Instant now) {
        return disabled && disabledExpiry.map(now::isBefore).orElse(true);
    }
}
