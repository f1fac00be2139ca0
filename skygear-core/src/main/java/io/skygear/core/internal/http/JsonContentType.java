package io.skygear.core.internal.http;

import java.util.Locale;

/**
 * The original's rule for JSON request bodies: media type {@code application/json} with no parameter or
 * only {@code charset=utf-8} (names and values case-insensitive, value optionally quoted).
 */
public final class JsonContentType {

    private JsonContentType() {}

    public static boolean isAccepted(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        if (!mediaType.strip().toLowerCase(Locale.ROOT).equals("application/json")) {
            return false;
        }
        if (semicolon < 0) {
            return true;
        }
        String parameter = contentType.substring(semicolon + 1);
        if (parameter.isBlank()) {
            return true; // a trailing ';' is ignored, as Go's mime.ParseMediaType does
        }
        int equals = parameter.indexOf('=');
        if (equals < 0 || parameter.indexOf(';') >= 0) {
            return false;
        }
        String name = parameter.substring(0, equals).strip();
        String value = parameter.substring(equals + 1).strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        return name.equalsIgnoreCase("charset") && value.equalsIgnoreCase("utf-8");
    }
}
