package io.skygear.auth.internal.login;

import java.util.Objects;
import java.util.Optional;

/**
 * A login as the client asked for it.
 *
 * @param loginIdKey only identities of this key match; any key when empty
 */
public record LoginCommand(Optional<String> loginIdKey, String loginId, String password) {

    public LoginCommand {
        Objects.requireNonNull(loginIdKey, "loginIdKey");
        Objects.requireNonNull(loginId, "loginId");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "LoginCommand[" + loginIdKey.orElse("any key") + ", login ID and password redacted]";
    }
}
