package io.skygear.auth.hook;

import java.util.Objects;

/**
 * Payload of {@code user_sync}: the user as stored after an operation committed, sent once per
 * operation so that a receiver can mirror users without applying every event type.
 */
public record UserSyncEvent(HookUser user) implements HookEvent.Payload {

    public UserSyncEvent {
        Objects.requireNonNull(user, "user");
    }
}
