package io.skygear.auth.internal.session;

import io.skygear.auth.internal.http.WireTime;
import io.skygear.core.http.Json;
import io.skygear.core.http.JsonBodyReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

/**
 * One access to a session (§5.1): when, from where (the raw address headers), with which user agent,
 * and the client's {@code X-Skygear-Extra-Info}. Stored as the session's {@code initial_access} and
 * {@code last_access}.
 *
 * @param userAgent the {@code User-Agent} header, empty when absent
 * @param extra the decoded extra info object, empty when absent or invalid
 */
public record AccessEvent(Instant time, Remote remote, String userAgent, Map<String, Object> extra) {

    public static final String EXTRA_INFO_HEADER = "X-Skygear-Extra-Info";

    /** Largest decoded extra info accepted, in bytes (the original's limit). */
    public static final int MAX_EXTRA_INFO_BYTES = 1024;

    /** Header values kept per field; longer ones are cut so that one request cannot bloat a row. */
    public static final int MAX_FIELD_LENGTH = 1024;

    private static final int MAX_EXTRA_INFO_HEADER = (MAX_EXTRA_INFO_BYTES + 2) / 3 * 4;
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    public AccessEvent {
        time = Timestamps.micros(Objects.requireNonNull(time, "time"));
        Objects.requireNonNull(remote, "remote");
        userAgent = userAgent == null ? "" : userAgent;
        extra = extra == null || extra.isEmpty()
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /**
     * The connection as the request saw it; empty strings for absent headers.
     *
     * @param remoteAddr the peer address (with or without port)
     */
    public record Remote(String remoteAddr, String xForwardedFor, String xRealIp, String forwarded) {

        public Remote {
            remoteAddr = clip(remoteAddr);
            xForwardedFor = clip(xForwardedFor);
            xRealIp = clip(xRealIp);
            forwarded = clip(forwarded);
        }

        /**
         * The client's IP as the original derived it: {@code X-Real-IP}, else the first
         * {@code X-Forwarded-For} entry, else the first {@code for=} of {@code Forwarded}, else the peer
         * address; quotes, brackets and ports removed ({@code [::1]:20595} → {@code ::1}).
         */
        public String ip() {
            if (!xRealIp.isBlank()) {
                return host(xRealIp);
            }
            if (!xForwardedFor.isBlank()) {
                return host(xForwardedFor.split(",", 2)[0]);
            }
            String forwardedFor = forwardedFor(forwarded);
            if (!forwardedFor.isEmpty()) {
                return host(forwardedFor);
            }
            return host(remoteAddr);
        }

        private static String forwardedFor(String forwarded) {
            for (String element : forwarded.split(",")) {
                for (String pair : element.split(";")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0 && pair.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("for")) {
                        return pair.substring(eq + 1).trim();
                    }
                }
            }
            return "";
        }

        private static String host(String address) {
            String s = address.trim();
            if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
                s = s.substring(1, s.length() - 1).trim();
            }
            if (s.startsWith("[")) {
                int close = s.indexOf(']');
                return close > 0 ? s.substring(1, close) : s;
            }
            int colon = s.indexOf(':');
            // one colon: host:port; more: a bare IPv6 address
            return colon >= 0 && colon == s.lastIndexOf(':') ? s.substring(0, colon) : s;
        }
    }

    /**
     * Captures an access from request values: {@code headers} looks a header up by name (e.g.
     * {@code request::getHeader}) and may return null.
     */
    public static AccessEvent capture(Instant time, String remoteAddr, Function<String, String> headers) {
        Remote remote = new Remote(remoteAddr, headers.apply("X-Forwarded-For"), headers.apply("X-Real-IP"),
                headers.apply("Forwarded"));
        return new AccessEvent(time, remote, clip(headers.apply("User-Agent")),
                decodeExtraInfo(headers.apply(EXTRA_INFO_HEADER)));
    }

    /**
     * {@code X-Skygear-Extra-Info}: base64 of a JSON object of at most {@value #MAX_EXTRA_INFO_BYTES}
     * bytes. Anything else (bad base64, too long, not JSON, not an object, or what the session's jsonb
     * could not store: U+0000, numbers over {@link JsonBodyReader#MAX_NUMBER_DIGITS} digits) is
     * ignored: empty map.
     */
    public static Map<String, Object> decodeExtraInfo(String header) {
        if (header == null || header.isBlank() || header.length() > MAX_EXTRA_INFO_HEADER) {
            return Map.of();
        }
        try {
            byte[] json = Base64.getDecoder().decode(header.trim());
            if (json.length > MAX_EXTRA_INFO_BYTES) {
                return Map.of();
            }
            Map<String, Object> extra = Json.mapper().readValue(json, OBJECT);
            return extra == null || !storable(extra) ? Map.of() : extra;
        } catch (IllegalArgumentException | JacksonException e) {
            return Map.of();
        }
    }

    /** PostgreSQL's jsonb holds no U+0000 and no number beyond its numeric range. */
    private static boolean storable(Object value) {
        return switch (value) {
            case String s -> s.indexOf('\0') < 0;
            case BigDecimal n -> JsonBodyReader.fitsDigitLimit(n);
            case Map<?, ?> m -> m.entrySet().stream().allMatch(e -> storable(e.getKey()) && storable(e.getValue()));
            case List<?> l -> l.stream().allMatch(AccessEvent::storable);
            case null, default -> true;
        };
    }

    /** {@code extra.device_name} when it is a string, else empty. */
    public String deviceName() {
        return extra.get("device_name") instanceof String name ? name : "";
    }

    /** The stored JSON shape (the original's field names; empty strings omitted). */
    public Map<String, Object> toJson() {
        Map<String, Object> remoteJson = new LinkedHashMap<>();
        putIfNotEmpty(remoteJson, "remote_addr", remote.remoteAddr());
        putIfNotEmpty(remoteJson, "x_forwarded_for", remote.xForwardedFor());
        putIfNotEmpty(remoteJson, "x_real_ip", remote.xRealIp());
        putIfNotEmpty(remoteJson, "forwarded", remote.forwarded());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("time", WireTime.rfc3339Nano(time));
        json.put("remote", remoteJson);
        putIfNotEmpty(json, "user_agent", userAgent);
        json.put("extra", extra);
        return json;
    }

    /** Reads {@link #toJson()} back. */
    public static AccessEvent fromJson(Map<String, Object> json) {
        Map<?, ?> remote = json.get("remote") instanceof Map<?, ?> m ? m : Map.of();
        Map<String, Object> extra = new LinkedHashMap<>();
        if (json.get("extra") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> extra.put(String.valueOf(k), v));
        }
        return new AccessEvent(
                Instant.parse(String.valueOf(json.get("time"))),
                new Remote(text(remote.get("remote_addr")), text(remote.get("x_forwarded_for")),
                        text(remote.get("x_real_ip")), text(remote.get("forwarded"))),
                text(json.get("user_agent")),
                extra);
    }

    private static void putIfNotEmpty(Map<String, Object> json, String key, String value) {
        if (!value.isEmpty()) {
            json.put(key, value);
        }
    }

    private static String text(Object value) {
        return value instanceof String s ? s : "";
    }

    private static String clip(String value) {
        if (value == null) {
            return "";
        }
        return value.length() > MAX_FIELD_LENGTH ? value.substring(0, MAX_FIELD_LENGTH) : value;
    }
}
