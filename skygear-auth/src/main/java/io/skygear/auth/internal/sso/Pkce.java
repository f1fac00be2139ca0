package io.skygear.auth.internal.sso;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** PKCE with S256 (RFC 7636): the challenge is base64url-without-padding of SHA-256 of the verifier. */
public final class Pkce {

    private Pkce() {
    }

    public static String challenge(String verifier) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier));
    }

    /** Whether {@code verifier} answers {@code challenge}, compared in constant time. */
    public static boolean matches(String challenge, String verifier) {
        return MessageDigest.isEqual(challenge(verifier).getBytes(StandardCharsets.UTF_8),
                challenge.getBytes(StandardCharsets.UTF_8));
    }

    /** Lower-case hex SHA-256 of {@code value} (how the nonce travels in the state). */
    public static String hexSha256(String value) {
        return java.util.HexFormat.of().formatHex(sha256(value));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
