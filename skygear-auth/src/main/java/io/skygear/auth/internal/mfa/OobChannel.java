package io.skygear.auth.internal.mfa;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where an OOB authenticator's codes go. */
public enum OobChannel {
    SMS, EMAIL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<OobChannel> fromWire(String value) {
        return Arrays.stream(values()).filter(c -> c.wireName().equals(value)).findFirst();
    }
}
