package io.skygear.auth.hook;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Payload of {@code before_session_create} / {@code after_session_create}: a user logs in or signs up.
 *
 * @param session the new session (the API's Session object)
 */
public record SessionCreateEvent(Reason reason, HookUser user, HookIdentity identity, Map<String, Object> session)
        implements HookEvent.Operation {

    /** Why the session is created; written in lower case ({@code "signup"}, {@code "login"}). */
    public enum Reason {
        SIGNUP, LOGIN;

        @JsonValue
        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public SessionCreateEvent {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(identity, "identity");
        session = JsonMaps.copy(session);
    }

    @Override
    public HookEventType beforeType() {
        return HookEventType.BEFORE_SESSION_CREATE;
    }

    @Override
    public HookEventType afterType() {
        return HookEventType.AFTER_SESSION_CREATE;
    }

    @Override
    public SessionCreateEvent withMutations(Mutations mutations) {
        return new SessionCreateEvent(reason, user.withMutations(mutations), identity, session);
    }
}
