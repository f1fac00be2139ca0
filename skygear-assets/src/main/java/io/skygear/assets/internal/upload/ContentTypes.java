package io.skygear.assets.internal.upload;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The file extension an asset name gets for its content type. A fixed table (the original used Go's
 * mime table, whose choice among several extensions, e.g. for {@code image/jpeg}, was not
 * deterministic); types not listed get no extension.
 */
public final class ContentTypes {

    private static final Map<String, String> EXTENSIONS = Map.ofEntries(
            Map.entry("application/gzip", ".gz"),
            Map.entry("application/javascript", ".js"),
            Map.entry("application/json", ".json"),
            Map.entry("application/msword", ".doc"),
            Map.entry("application/pdf", ".pdf"),
            Map.entry("application/rtf", ".rtf"),
            Map.entry("application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx"),
            Map.entry("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
            Map.entry("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
            Map.entry("application/wasm", ".wasm"),
            Map.entry("application/x-tar", ".tar"),
            Map.entry("application/xml", ".xml"),
            Map.entry("application/zip", ".zip"),
            Map.entry("audio/aac", ".aac"),
            Map.entry("audio/flac", ".flac"),
            Map.entry("audio/mpeg", ".mp3"),
            Map.entry("audio/ogg", ".ogg"),
            Map.entry("audio/wav", ".wav"),
            Map.entry("audio/webm", ".weba"),
            Map.entry("font/otf", ".otf"),
            Map.entry("font/ttf", ".ttf"),
            Map.entry("font/woff", ".woff"),
            Map.entry("font/woff2", ".woff2"),
            Map.entry("image/avif", ".avif"),
            Map.entry("image/bmp", ".bmp"),
            Map.entry("image/gif", ".gif"),
            Map.entry("image/heic", ".heic"),
            Map.entry("image/jpeg", ".jpg"),
            Map.entry("image/jxl", ".jxl"),
            Map.entry("image/png", ".png"),
            Map.entry("image/svg+xml", ".svg"),
            Map.entry("image/tiff", ".tif"),
            Map.entry("image/vnd.microsoft.icon", ".ico"),
            Map.entry("image/webp", ".webp"),
            Map.entry("image/x-icon", ".ico"),
            Map.entry("text/calendar", ".ics"),
            Map.entry("text/css", ".css"),
            Map.entry("text/csv", ".csv"),
            Map.entry("text/html", ".html"),
            Map.entry("text/javascript", ".js"),
            Map.entry("text/markdown", ".md"),
            Map.entry("text/plain", ".txt"),
            Map.entry("text/xml", ".xml"),
            Map.entry("video/mp4", ".mp4"),
            Map.entry("video/mpeg", ".mpeg"),
            Map.entry("video/ogg", ".ogv"),
            Map.entry("video/quicktime", ".mov"),
            Map.entry("video/webm", ".webm"));

    /** {@code type/subtype}, RFC 7230 tokens, then optional parameters. */
    private static final Pattern MEDIA_TYPE = Pattern.compile(
            "^\\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+/[!#$%&'*+.^_`|~0-9A-Za-z-]+)\\s*(;.*)?$", Pattern.DOTALL);

    private ContentTypes() {
    }

    /** The lower-case {@code type/subtype} of a Content-Type value, or empty when it is not one. */
    public static Optional<String> mediaType(String contentType) {
        var matcher = MEDIA_TYPE.matcher(contentType);
        return matcher.matches() ? Optional.of(matcher.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    /** The extension (with its dot) for a media type, or {@code ""}. */
    public static String extension(String mediaType) {
        return EXTENSIONS.getOrDefault(mediaType, "");
    }
}
