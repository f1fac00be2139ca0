package io.skygear.auth.hook;

import java.util.Objects;

/** Payload of {@code before_identity_create} / {@code after_identity_create}: an identity is linked to a user. */
public record IdentityCreateEvent(HookUser user, HookIdentity identity) implements HookEvent.Operation {

    public IdentityCreateEvent {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(identity, "identity");
    }

    @Override
    public HookEventType beforeType() {
        return HookEventType.BEFORE_IDENTITY_CREATE;
    }

    @Override
    public HookEventType afterType() {
        return HookEventType.AFTER_IDENTITY_CREATE;
    }

    @Override
    public IdentityCreateEvent withMutations(Mutations mutations) {
        return new IdentityCreateEvent(user.withMutations(mutations), identity);
    }
}
