package io.skygear.auth.internal.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Access and refresh tokens of the original (§5.1): {@code <session id>.<32 chars [A-Za-z0-9]>}, the
 * secret from a {@link SecureRandom}. Only {@link #hash(String) hashes} are stored.
 */
public final class SessionTokens {

    /** Length of the random part. */
    public static final int SECRET_LENGTH = 32;

    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final Pattern FORMAT = Pattern.compile(
            "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\.[A-Za-z0-9]{" + SECRET_LENGTH + "}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionTokens() {
    }

    /** A new token for {@code sessionId}. */
    public static String generate(String sessionId) {
        char[] secret = new char[SECRET_LENGTH];
        for (int i = 0; i < secret.length; i++) {
            // nextInt(bound) rejects out-of-range draws, so every character is equally likely
            secret[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return sessionId + "." + new String(secret);
    }

    /** The session id of a well-formed token; empty for anything else (never throws). */
    public static Optional<String> sessionId(String token) {
        if (token == null || token.length() != 37 + SECRET_LENGTH) {
            return Optional.empty();
        }
        var matcher = FORMAT.matcher(token);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** Lower-case hex SHA-256 of the whole token, as stored. */
    public static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** Whether {@code token} hashes to {@code storedHash}, compared in constant time. */
    public static boolean matches(String token, String storedHash) {
        return storedHash != null && MessageDigest.isEqual(
                hash(token).getBytes(StandardCharsets.UTF_8), storedHash.getBytes(StandardCharsets.UTF_8));
    }
}
