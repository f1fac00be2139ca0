package io.skygear.auth.hook;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Objects;

/**
 * Payload of {@code before_password_update} / {@code after_password_udpate} (sic): a user's password
 * changes.
 *
 * @param user the user as before the change; mutations are not applied to this snapshot
 */
public record PasswordUpdateEvent(Reason reason, HookUser user) implements HookEvent.Operation {

    /** Why the password changes; written in lower case ({@code "change_password"}, …). */
    public enum Reason {
        CHANGE_PASSWORD, RESET_PASSWORD, ADMINISTRATIVE;

        @JsonValue
        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public PasswordUpdateEvent {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(user, "user");
    }

    @Override
    public HookEventType beforeType() {
        return HookEventType.BEFORE_PASSWORD_UPDATE;
    }

    @Override
    public HookEventType afterType() {
        return HookEventType.AFTER_PASSWORD_UPDATE;
    }

    @Override
    public PasswordUpdateEvent withMutations(Mutations mutations) {
        return this;
    }
}
