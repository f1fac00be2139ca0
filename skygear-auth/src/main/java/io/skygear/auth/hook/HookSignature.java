package io.skygear.auth.hook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a hook request: header {@value #HEADER} = lower-case hex of
 * HMAC-SHA256({@code user_config.hook.secret}, raw request body). A receiver checks it with
 * {@link #verify} over the body bytes exactly as received.
 */
public final class HookSignature {

    /** The request header carrying the signature. */
    public static final String HEADER = "x-skygear-body-signature";

    private static final String ALGORITHM = "HmacSHA256";

    private HookSignature() {
    }

    /** Lower-case hex HMAC-SHA256 of {@code body} with the UTF-8 bytes of {@code secret}. */
    public static String sign(String secret, byte[] body) {
        Objects.requireNonNull(body, "body");
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("hook secret must not be empty");
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /**
     * Whether {@code signature} (the header value; hex, any case) signs {@code body} with
     * {@code secret}. Compared in constant time; a missing signature is never valid.
     */
    public static boolean verify(String secret, byte[] body, String signature) {
        if (signature == null) {
            return false;
        }
        byte[] expected = sign(secret, body).getBytes(StandardCharsets.UTF_8);
        byte[] actual = signature.trim().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, actual);
    }
}
