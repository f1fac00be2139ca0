package io.skygear.auth.internal.sso;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How the result of a provider callback reaches the app: a redirect to the callback URL
 * ({@code web_redirect}, {@code mobile_app}) or a page that posts it to the opener window
 * ({@code web_popup}).
 */
public enum UxMode {
    WEB_REDIRECT, WEB_POPUP, MOBILE_APP;

    public static final List<String> WIRE_NAMES = List.of("web_redirect", "web_popup", "mobile_app");

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<UxMode> parse(String value) {
        for (UxMode mode : values()) {
            if (mode.wireName().equals(value)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
