package io.skygear.auth.hook;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Payload of {@code before_session_delete} / {@code after_session_delete}: a session ends by logout or
 * revocation.
 *
 * @param session the ending session (the API's Session object)
 */
public record SessionDeleteEvent(Reason reason, HookUser user, HookIdentity identity, Map<String, Object> session)
        implements HookEvent.Operation {

    /** Why the session ends; written in lower case ({@code "logout"}, {@code "revoke"}). */
    public enum Reason {
        LOGOUT, REVOKE;

        @JsonValue
        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public SessionDeleteEvent {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(identity, "identity");
        session = JsonMaps.copy(session);
    }

    @Override
    public HookEventType beforeType() {
        return HookEventType.BEFORE_SESSION_DELETE;
    }

    @Override
    public HookEventType afterType() {
        return HookEventType.AFTER_SESSION_DELETE;
    }

    @Override
    public SessionDeleteEvent withMutations(Mutations mutations) {
        return new SessionDeleteEvent(reason, user.withMutations(mutations), identity, session);
    }
}
