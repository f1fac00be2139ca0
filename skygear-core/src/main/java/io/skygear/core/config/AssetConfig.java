package io.skygear.core.config;

import io.skygear.core.internal.config.RecordText;

/** {@code user_config.asset}: the secret that signs asset URLs. */
public record AssetConfig(String secret) {

    @Override
    public String toString() {
        return RecordText.redacted(this, "secret");
    }
}
