package io.skygear.core.config;

import io.skygear.core.internal.config.RecordText;

/** {@code user_config.smtp}: port default 25, mode default {@code normal}; unusable when {@code host} is empty. */
public record SmtpConfig(String host, int port, SmtpMode mode, String login, String password) {

    @Override
    public String toString() {
        return RecordText.redacted(this, "host", "login", "password");
    }
}
