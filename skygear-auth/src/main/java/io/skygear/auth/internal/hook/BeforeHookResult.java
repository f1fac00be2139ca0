package io.skygear.auth.internal.hook;

import io.skygear.auth.hook.HookEvent;
import io.skygear.auth.hook.Mutations;
import java.util.Objects;

/**
 * What the before-hooks of an operation decided when none refused it.
 *
 * <p>The caller persists {@code mutations} in its transaction: {@code metadata} replaces the profile
 * data; {@code is_disabled} sets the disabled flag and clears the disable message and expiry;
 * {@code verify_info} replaces the verification state, and when {@code is_verified} is absent the
 * caller recomputes it from the tenant's verification criteria. It then passes {@code payload} (the
 * operation with the mutations applied) to {@link HookDispatcher#after}.
 *
 * @param payload   the operation as the hooks last saw it, mutations applied
 * @param mutations accumulated over all hooks, a later hook winning per field; empty when none
 */
public record BeforeHookResult(HookEvent.Operation payload, Mutations mutations) {

    public BeforeHookResult {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(mutations, "mutations");
    }

    static BeforeHookResult unchanged(HookEvent.Operation payload) {
        return new BeforeHookResult(payload, Mutations.NONE);
    }
}
