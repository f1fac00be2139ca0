package io.skygear.auth.internal.admin;

import io.skygear.auth.internal.user.User;
import io.skygear.auth.internal.user.UserStore;
import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;

/** The user an administrative request names by {@code user_id}. */
public final class TargetUser {

    public static final String NOT_FOUND_REASON = "UserNotFound";

    private TargetUser() {
    }

    /**
     * The user {@code userId} of the store's tenant.
     *
     * @throws SkygearException 404 {@code NotFound/UserNotFound} "user not found"
     */
    public static User require(UserStore users, String userId) {
        return users.find(userId).orElseThrow(TargetUser::notFound);
    }

    /** 404 {@code NotFound/UserNotFound} "user not found". */
    public static SkygearException notFound() {
        return new SkygearException(ErrorName.NOT_FOUND, NOT_FOUND_REASON, "user not found");
    }
}
