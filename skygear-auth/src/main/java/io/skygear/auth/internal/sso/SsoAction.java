package io.skygear.auth.internal.sso;

import java.util.Locale;
import java.util.Optional;

/** What an SSO flow does at the end: log in (or sign up), or link the provider to the current user. */
public enum SsoAction {
    LOGIN, LINK;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<SsoAction> parse(String value) {
        for (SsoAction action : values()) {
            if (action.wireName().equals(value)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
