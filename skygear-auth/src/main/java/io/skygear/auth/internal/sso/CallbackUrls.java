package io.skygear.auth.internal.sso;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The callback URL allow-list ({@code sso.oauth.allowed_callback_urls}). A callback URL is allowed when,
 * without its query and fragment, it is one of the listed URLs (scheme and host compared
 * case-insensitively, path exactly; a listed URL's own query or fragment is ignored likewise). No prefix
 * matching: {@code https://app.example.com} does not allow {@code https://app.example.com.evil.io}.
 */
public final class CallbackUrls {

    private CallbackUrls() {
    }

    public static boolean isAllowed(List<String> allowed, String callbackUrl) {
        Optional<String> key = key(callbackUrl);
        return key.isPresent() && allowed.stream().map(CallbackUrls::key).flatMap(Optional::stream)
                .anyMatch(key.get()::equals);
    }

    /** scheme://authority/path, lower-cased scheme and authority; empty for a relative or malformed URL. */
    private static Optional<String> key(String url) {
        if (url == null || url.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(url);
            if (!uri.isAbsolute() || uri.isOpaque() || uri.getRawAuthority() == null) {
                return Optional.empty();
            }
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            return Optional.of(uri.getScheme().toLowerCase(Locale.ROOT) + "://"
                    + uri.getRawAuthority().toLowerCase(Locale.ROOT) + path);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
