package io.skygear.auth.internal.signup;

import io.skygear.auth.internal.loginid.LoginId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A signup as the client asked for it.
 *
 * @param loginIds        at least one; the first becomes the new session's identity
 * @param metadata        the new user's metadata ({@code {}} when none was sent)
 * @param createDuplicate {@code on_user_duplicate: create}: sign up even when another user has an
 *                        identity with one of the e-mail addresses
 */
public record SignupCommand(List<LoginId> loginIds, String password, Map<String, Object> metadata,
                            boolean createDuplicate) {

    public SignupCommand {
        loginIds = List.copyOf(loginIds);
        Objects.requireNonNull(password, "password");
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    @Override
    public String toString() {
        return "SignupCommand[" + loginIds.size() + " login IDs, password redacted]";
    }
}
