package io.skygear.auth.internal.http;

import io.skygear.core.error.SkygearException;
import java.util.List;

/**
 * Passes when any of its policies passes; when all refuse, the caller gets the first policy's error, as
 * in the original (e.g. "master key, or API key and valid user").
 */
public final class AnyOf implements AuthzPolicy {

    private final List<AuthzPolicy> policies;

    public AnyOf(AuthzPolicy... policies) {
        if (policies.length == 0) {
            throw new IllegalArgumentException("AnyOf needs at least one policy");
        }
        this.policies = List.of(policies);
    }

    @Override
    public void check(AuthRequest request) {
        SkygearException first = null;
        for (AuthzPolicy policy : policies) {
            try {
                policy.check(request);
                return;
            } catch (SkygearException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        throw first;
    }
}
