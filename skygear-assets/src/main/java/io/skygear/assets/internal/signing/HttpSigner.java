package io.skygear.assets.internal.signing;

import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The original's URL signing ({@code core/http/httpsigning}): an HMAC-SHA256 over a canonical request
 * (method, escaped path, canonical query, host) carried in {@code x-skygear-*} query parameters. Asset
 * GET URLs, upload-form URLs and the filesystem storage's upload URLs are signed with it.
 */
public final class HttpSigner {

    public static final String ALGORITHM = "x-skygear-algorithm";
    public static final String DATE = "x-skygear-date";
    public static final String EXPIRES = "x-skygear-expires";
    public static final String SIGNED_HEADERS = "x-skygear-signedheaders";
    public static final String SIGNATURE = "x-skygear-signature";

    private static final String HMAC_SHA256 = "HMAC-SHA256";
    private static final DateTimeFormatter DATE_FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    /** Far beyond any URL this gear signs (7 days); keeps the date arithmetic in range. */
    private static final long MAX_EXPIRES = 100L * 365 * 24 * 3600;

    private HttpSigner() {
    }

    /** A request to sign or verify: method, host (as the client names it), decoded path, query parameters. */
    public record SignedRequest(String method, String host, String path, Map<String, List<String>> query) {

        public SignedRequest {
            query = sorted(query);
        }
    }

    /**
     * The query string (sorted, Go-escaped, without {@code ?}) that signs {@code request} with {@code key},
     * valid for {@code expiresSeconds} from {@code now}.
     */
    public static String sign(String key, SignedRequest request, Instant now, long expiresSeconds) {
        Map<String, List<String>> query = new TreeMap<>(request.query());
        query.put(ALGORITHM, List.of(HMAC_SHA256));
        query.put(DATE, List.of(DATE_FORMAT.format(now)));
        query.put(EXPIRES, List.of(Long.toString(expiresSeconds)));
        query.put(SIGNED_HEADERS, List.of("host"));
        query.remove(SIGNATURE);
        SignedRequest withParams = new SignedRequest(request.method(), request.host(), request.path(), query);
        query.put(SIGNATURE, List.of(HexFormat.of().formatHex(signature(key, withParams, now))));
        return encode(query);
    }

    /**
     * Checks the signature of {@code request} (HEAD counts as GET) and then its expiry.
     *
     * @throws SkygearException 400 {@code Invalid/InvalidSignatureQueryParam}, {@code InvalidSignature}
     *                          or {@code ExpiredSignature}, as the original
     */
    public static void verify(String key, SignedRequest request, Instant now) {
        byte[] presented = parseSignature(first(request.query(), SIGNATURE));
        Instant date = parseDate(first(request.query(), DATE));
        long expires = parseExpires(first(request.query(), EXPIRES));
        String method = "HEAD".equals(request.method()) ? "GET" : request.method();
        SignedRequest canonical = new SignedRequest(method, request.host(), request.path(), request.query());
        if (!MessageDigest.isEqual(presented, signature(key, canonical, date))) {
            throw new SkygearException(ErrorName.INVALID, "InvalidSignature", "invalid signature");
        }
        if (now.getEpochSecond() - date.getEpochSecond() > expires) {
            throw new SkygearException(ErrorName.INVALID, "ExpiredSignature", "expired signature");
        }
    }

    /** Whether the query carries a signature at all. */
    public static boolean isSigned(Map<String, List<String>> query) {
        return query.containsKey(SIGNATURE);
    }

    /** {@code k=v&…} with keys sorted and Go's query escaping, as Go's {@code url.Values.Encode}. */
    public static String encode(Map<String, List<String>> query) {
        List<String> pairs = new ArrayList<>();
        sorted(query).forEach((name, values) -> values.forEach(
                value -> pairs.add(GoEscape.query(name) + "=" + GoEscape.query(value))));
        return String.join("&", pairs);
    }

    static String canonicalRequest(SignedRequest request) {
        List<String> pairs = new ArrayList<>();
        request.query().forEach((name, values) -> {
            if (name.isEmpty() || name.equals(SIGNATURE)) {
                return;
            }
            for (String value : values) {
                pairs.add(value.isEmpty() ? GoEscape.query(name) : GoEscape.query(name) + "=" + GoEscape.query(value));
            }
        });
        return String.join("\n", request.method(), GoEscape.path(request.path()), String.join("&", pairs),
                "host:" + request.host(), "", "host", "UNSIGNED-PAYLOAD");
    }

    private static byte[] signature(String key, SignedRequest request, Instant date) {
        String stringToSign = String.join("\n", HMAC_SHA256, DATE_FORMAT.format(date),
                HexFormat.of().formatHex(sha256(canonicalRequest(request))));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    private static byte[] parseSignature(String value) {
        try {
            if (value == null) {
                throw new IllegalArgumentException();
            }
            return HexFormat.of().parseHex(value);
        } catch (IllegalArgumentException e) {
            throw badParam(SIGNATURE);
        }
    }

    private static Instant parseDate(String value) {
        try {
            return Instant.from(DATE_FORMAT.parse(value == null ? "" : value));
        } catch (DateTimeParseException e) {
            throw badParam(DATE);
        }
    }

    private static long parseExpires(String value) {
        try {
            long expires = Long.parseLong(value == null ? "" : value);
            if (expires < 0 || expires > MAX_EXPIRES) {
                throw new NumberFormatException();
            }
            return expires;
        } catch (NumberFormatException e) {
            throw badParam(EXPIRES);
        }
    }

    private static SkygearException badParam(String name) {
        return new SkygearException(ErrorName.INVALID, "InvalidSignatureQueryParam", "invalid " + name);
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private static Map<String, List<String>> sorted(Map<String, List<String>> query) {
        Map<String, List<String>> copy = new TreeMap<>();
        query.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return Collections.unmodifiableMap(copy);
    }
}
