package io.skygear.auth.internal.loginid;

import java.util.Objects;

/**
 * A login ID as a client sends it: {@code {"key": "email", "value": "john@example.com"}}. The value is
 * kept as typed; {@link LoginIdNormalizer} gives the form used for lookups and uniqueness.
 */
public record LoginId(String key, String value) {

    public LoginId {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}
