package io.skygear.auth.internal.sso;

import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.http.AuthzPolicy;
import io.skygear.auth.internal.user.User;

/** An access token is optional, but a disabled user's is refused with 403 {@code UserDisabled}. */
final class NotDisabledIfAuthenticated implements AuthzPolicy {

    static final NotDisabledIfAuthenticated INSTANCE = new NotDisabledIfAuthenticated();

    private NotDisabledIfAuthenticated() {
    }

    @Override
    public void check(AuthRequest request) {
        request.userStatus().filter(user -> user.isDisabled(request.now()))
                .ifPresent(user -> {
                    throw User.disabledError(user.disabledExpiry(), user.disabledMessage());
                });
    }
}
