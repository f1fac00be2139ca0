package io.skygear.core.config;

import io.skygear.core.internal.config.RecordText;

/** {@code user_config.twilio}: unusable unless both the account SID and the auth token are set. */
public record TwilioConfig(String accountSid, String authToken, String from) {

    @Override
    public String toString() {
        return RecordText.redacted(this, "accountSid", "authToken");
    }
}
