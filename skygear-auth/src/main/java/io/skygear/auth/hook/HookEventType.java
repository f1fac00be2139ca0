package io.skygear.auth.hook;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * The event types of the hook protocol, with their wire names. Operation events come in pairs: the
 * {@code before_*} event may refuse or mutate the operation, the {@code after_*} event reports it.
 * {@code user_sync} follows every operation with the user as stored afterwards.
 *
 * <p>The after-event of a password update is {@code after_password_udpate} on the wire, typo included,
 * as the original sent it; a {@code hooks[].event} of {@code after_password_update} matches it too.
 */
public enum HookEventType {
    BEFORE_USER_CREATE("before_user_create"),
    AFTER_USER_CREATE("after_user_create"),
    BEFORE_USER_UPDATE("before_user_update"),
    AFTER_USER_UPDATE("after_user_update"),
    BEFORE_IDENTITY_CREATE("before_identity_create"),
    AFTER_IDENTITY_CREATE("after_identity_create"),
    BEFORE_IDENTITY_DELETE("before_identity_delete"),
    AFTER_IDENTITY_DELETE("after_identity_delete"),
    BEFORE_SESSION_CREATE("before_session_create"),
    AFTER_SESSION_CREATE("after_session_create"),
    BEFORE_SESSION_DELETE("before_session_delete"),
    AFTER_SESSION_DELETE("after_session_delete"),
    BEFORE_PASSWORD_UPDATE("before_password_update"),
    AFTER_PASSWORD_UPDATE("after_password_udpate", "after_password_update"),
    USER_SYNC("user_sync");

    private final String wireName;
    private final String alias;

    HookEventType(String wireName) {
        this(wireName, wireName);
    }

    HookEventType(String wireName, String alias) {
        this.wireName = wireName;
        this.alias = alias;
    }

    /** The name sent in the event's {@code type} field, e.g. {@code "before_user_create"}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Whether a {@code hooks[].event} entry of the tenant config subscribes to this type. */
    public boolean matches(String configuredEvent) {
        return wireName.equals(configuredEvent) || alias.equals(configuredEvent);
    }

    /** The type a {@code hooks[].event} entry (or an event's {@code type}) names, if any. */
    public static Optional<HookEventType> fromWire(String name) {
        return Arrays.stream(values()).filter(t -> t.matches(name)).findFirst();
    }
}
