package io.skygear.auth.internal.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Access and refresh tokens of the original (§5.1): {@code <session id>.<32 chars [A-Za-z0-9]>}, the
 * secret from a {@link SecureRandom}. Only {@link #hash(String) hashes} are stored.
 */
public final class SessionTokens {

    /** Length of the random part. */
    public static final int SECRET_LENGTH = 32;

    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    /** Length of the session id part: a lower-case UUID. */
    private static final int SESSION_ID_LENGTH = 36;
    private static final SecureRandom RANDOM = new SecureRandom();
    // cloned per hash: MessageDigest.getInstance does a provider lookup that dominated token checks
    private static final MessageDigest SHA_256 = sha256();

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

    /**
     * The session id of a well-formed token ({@code <8-4-4-4-12 lower-case hex>.<32 [A-Za-z0-9]>});
     * empty for anything else (never throws). Checked by hand: it runs on every authenticated request.
     */
    public static Optional<String> sessionId(String token) {
        if (token == null || token.length() != SESSION_ID_LENGTH + 1 + SECRET_LENGTH) {
            return Optional.empty();
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            boolean ok = switch (i) {
                case 8, 13, 18, 23 -> c == '-';
                case SESSION_ID_LENGTH -> c == '.';
                default -> i < SESSION_ID_LENGTH
                        ? (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')
                        : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            };
            if (!ok) {
                return Optional.empty();
            }
        }
        return Optional.of(token.substring(0, SESSION_ID_LENGTH));
    }

    /** Lower-case hex SHA-256 of the whole token, as stored. */
    public static String hash(String token) {
        MessageDigest digest;
        try {
            digest = (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            digest = sha256();
        }
        return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    /** Whether {@code token} hashes to {@code storedHash}, compared in constant time. */
    public static boolean matches(String token, String storedHash) {
        return storedHash != null && MessageDigest.isEqual(
                hash(token).getBytes(StandardCharsets.UTF_8), storedHash.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
