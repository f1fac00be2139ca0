package io.skygear.auth.hook;

import java.util.Objects;

/** Payload of {@code before_identity_delete} / {@code after_identity_delete}: an identity is unlinked. */
public record IdentityDeleteEvent(HookUser user, HookIdentity identity) implements HookEvent.Operation {

    public IdentityDeleteEvent {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(identity, "identity");
    }

    @Override
    public HookEventType beforeType() {
        return HookEventType.BEFORE_IDENTITY_DELETE;
    }

    @Override
    public HookEventType afterType() {
        return HookEventType.AFTER_IDENTITY_DELETE;
    }

    @Override
    public IdentityDeleteEvent withMutations(Mutations mutations) {
        return new IdentityDeleteEvent(user.withMutations(mutations), identity);
    }
}
