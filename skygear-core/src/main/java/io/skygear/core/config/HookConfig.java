package io.skygear.core.config;

import io.skygear.core.internal.config.RecordText;

/** {@code user_config.hook}: the secret that signs hook requests. */
public record HookConfig(String secret) {

    @Override
    public String toString() {
        return RecordText.redacted(this, "secret");
    }
}
