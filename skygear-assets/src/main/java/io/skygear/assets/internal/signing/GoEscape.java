package io.skygear.assets.internal.signing;

import java.nio.charset.StandardCharsets;

/**
 * Go's {@code net/url} escaping, which the original signed with: {@link #query} is {@code QueryEscape}
 * (space as {@code +}, only {@code A-Za-z0-9-_.~} kept), {@link #path} is {@code EscapedPath} for a
 * path without a raw form (also keeps {@code $&+,/:;=@} and friends). Java's URLEncoder differs on
 * {@code *} and {@code ~}, which would break signatures.
 */
public final class GoEscape {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private GoEscape() {
    }

    public static String query(String value) {
        return escape(value, false);
    }

    public static String path(String value) {
        return escape(value, true);
    }

    private static String escape(String value, boolean path) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (unreserved(c) || (path && keptInPath(c))) {
                out.append((char) c);
            } else if (c == ' ' && !path) {
                out.append('+');
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    private static boolean unreserved(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~';
    }

    private static boolean keptInPath(int c) {
        return switch (c) {
            case '$', '&', '+', ',', '/', ':', ';', '=', '@' -> true;
            default -> false;
        };
    }
}
