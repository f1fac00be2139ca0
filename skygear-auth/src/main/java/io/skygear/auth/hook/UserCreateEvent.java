package io.skygear.auth.hook;

import java.util.List;
import java.util.Objects;

/**
 * Payload of {@code before_user_create} / {@code after_user_create}: a user signs up.
 *
 * @param user       the new user
 * @param identities the user's first identities
 */
public record UserCreateEvent(HookUser user, List<HookIdentity> identities) implements HookEvent.Operation {

    public UserCreateEvent {
        Objects.requireNonNull(user, "user");
        identities = List.copyOf(identities);
    }

    @Override
    public HookEventType beforeType() {
        return HookEventType.BEFORE_USER_CREATE;
    }

    @Override
    public HookEventType afterType() {
        return HookEventType.AFTER_USER_CREATE;
    }

    @Override
    public UserCreateEvent withMutations(Mutations mutations) {
        return new UserCreateEvent(user.withMutations(mutations), identities);
    }
}
