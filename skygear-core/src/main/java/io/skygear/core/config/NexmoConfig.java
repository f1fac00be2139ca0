package io.skygear.core.config;

import io.skygear.core.internal.config.RecordText;

/** {@code user_config.nexmo}: unusable unless both the API key and the secret are set. */
public record NexmoConfig(String apiKey, String apiSecret, String from) {

    @Override
    public String toString() {
        return RecordText.redacted(this, "apiKey", "apiSecret");
    }
}
