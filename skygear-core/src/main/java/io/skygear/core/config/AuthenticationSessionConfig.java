package io.skygear.core.config;

import io.skygear.core.internal.config.RecordText;

/** {@code user_config.auth.authentication_session}: the HS256 secret of authentication-session tokens. */
public record AuthenticationSessionConfig(String secret) {

    @Override
    public String toString() {
        return RecordText.redacted(this, "secret");
    }
}
