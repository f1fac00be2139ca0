package io.skygear.auth.internal.http;

import io.skygear.auth.internal.session.UserStatus;
import io.skygear.auth.internal.user.User;

/**
 * Requires a logged-in user that is not disabled: 401 {@code NotAuthenticated} without a session, 403
 * {@code UserDisabled} with the disable's expiry and message while disabled. Uses the user state the
 * token check carried, so it costs no query.
 */
public final class RequireValidUser implements AuthzPolicy {

    public static final RequireValidUser INSTANCE = new RequireValidUser();

    private RequireValidUser() {
    }

    @Override
    public void check(AuthRequest request) {
        UserStatus user = request.userStatus().orElseThrow(AuthzPolicy::notAuthenticated);
        if (user.isDisabled(request.now())) {
            throw User.disabledError(user.disabledExpiry(), user.disabledMessage());
        }
    }
}
