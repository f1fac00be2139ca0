package io.skygear.auth.internal.sso;

import io.skygear.auth.internal.http.BodyCauses;
import io.skygear.core.error.ValidationCause;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What an SSO login does when another user already has an identity with the provider's e-mail
 * address: refuse (409 {@code LoginIDAlreadyUsed}), attach the new identity to that user, or create
 * a new user anyway. Merge and create must be allowed by the tenant's flags, on every way in.
 */
public enum OnUserDuplicate {
    ABORT, MERGE, CREATE;

    public static final List<String> WIRE_NAMES = List.of("abort", "merge", "create");

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code value} parsed; empty when unknown. */
    public static Optional<OnUserDuplicate> parse(String value) {
        for (OnUserDuplicate mode : values()) {
            if (mode.wireName().equals(value)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }

    /**
     * The mode of a request body ({@code abort} when absent), or the validation cause at
     * {@code /on_user_duplicate}: not one of the three, or not allowed by the flags.
     */
    public static Result fromBody(Optional<String> value, boolean allowMerge, boolean allowCreate) {
        if (value.isEmpty()) {
            return new Result(ABORT, Optional.empty());
        }
        Optional<OnUserDuplicate> mode = parse(value.get());
        if (mode.isEmpty()) {
            return new Result(ABORT, Optional.of(BodyCauses.oneOf("/on_user_duplicate", "on_user_duplicate", WIRE_NAMES)));
        }
        boolean allowed = switch (mode.get()) {
            case ABORT -> true;
            case MERGE -> allowMerge;
            case CREATE -> allowCreate;
        };
        return new Result(mode.get(), allowed ? Optional.empty()
                : Optional.of(BodyCauses.general("/on_user_duplicate", "on_user_duplicate is not allowed")));
    }

    /** A parsed mode, or why it is refused. */
    public record Result(OnUserDuplicate mode, Optional<ValidationCause> cause) {
    }
}
