package io.skygear.core.internal.http;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of an {@code Origin} header the matcher needs, split the way Go's {@code url.Parse} splits
 * them: lower-cased scheme, host as sent (with brackets for IPv6), hostname and port (both possibly
 * empty). Userinfo, path, query and fragment are ignored.
 */
public record OriginUrl(String scheme, String host, String hostname, String port) {

    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.\\-]*):");
    private static final Pattern OPTIONAL_PORT = Pattern.compile("(:[0-9]*)?");

    /** Empty when Go's parser would have failed. */
    public static Optional<OriginUrl> parse(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || c == ' ') {
                return Optional.empty();
            }
        }
        if (s.startsWith(":")) {
            return Optional.empty(); // missing protocol scheme
        }
        String scheme = "";
        String rest = s;
        Matcher m = SCHEME.matcher(s);
        if (m.find()) {
            scheme = m.group(1).toLowerCase(Locale.ROOT);
            rest = s.substring(m.end());
        }
        rest = cut(cut(rest, '#'), '?');
        if (!rest.startsWith("//")) {
            return Optional.of(new OriginUrl(scheme, "", "", ""));
        }
        String authority = cut(rest.substring(2), '/');
        String host = authority.substring(authority.lastIndexOf('@') + 1);
        if (host.startsWith("[")) {
            int close = host.lastIndexOf(']');
            if (close < 0 || !OPTIONAL_PORT.matcher(host.substring(close + 1)).matches()) {
                return Optional.empty();
            }
            String port = host.length() > close + 1 ? host.substring(close + 2) : "";
            return Optional.of(new OriginUrl(scheme, host, host.substring(1, close), port));
        }
        int colon = host.lastIndexOf(':');
        if (colon < 0) {
            return Optional.of(new OriginUrl(scheme, host, host, ""));
        }
        if (!OPTIONAL_PORT.matcher(host.substring(colon)).matches()) {
            return Optional.empty();
        }
        return Optional.of(new OriginUrl(scheme, host, host.substring(0, colon), host.substring(colon + 1)));
    }

    private static String cut(String s, char c) {
        int i = s.indexOf(c);
        return i < 0 ? s : s.substring(0, i);
    }
}
