package io.skygear.auth.internal.mfa;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The random values of MFA and how they are kept: recovery codes (10 characters) and bearer tokens (64)
 * in Crockford's base32 alphabet, OOB codes of 6 digits; recovery codes and bearer tokens are stored
 * only as SHA-256 hashes and compared in constant time.
 */
public final class MfaSecrets {

    static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final int RECOVERY_CODE_LENGTH = 10;
    static final int BEARER_TOKEN_LENGTH = 64;
    static final int OOB_CODE_DIGITS = 6;

    private static final SecureRandom RANDOM = new SecureRandom();

    private MfaSecrets() {
    }

    public static String recoveryCode() {
        return crockford(RECOVERY_CODE_LENGTH);
    }

    public static String bearerToken() {
        return crockford(BEARER_TOKEN_LENGTH);
    }

    public static String oobCode() {
        StringBuilder code = new StringBuilder(OOB_CODE_DIGITS);
        for (int i = 0; i < OOB_CODE_DIGITS; i++) {
            code.append((char) ('0' + RANDOM.nextInt(10)));
        }
        return code.toString();
    }

    /** A typed recovery code as compared: trimmed and upper-cased (codes are Crockford base32). */
    public static String normalizeRecoveryCode(String code) {
        return code.strip().toUpperCase(java.util.Locale.ROOT);
    }

    /** Hex SHA-256 of {@code value}'s UTF-8 bytes. */
    public static String hash(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** Whether {@code value} hashes to {@code storedHash}, compared in constant time. */
    public static boolean matches(String value, String storedHash) {
        return equal(hash(value), storedHash);
    }

    /** Constant-time comparison of two secrets over their UTF-8 bytes. */
    public static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static String crockford(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(CROCKFORD.charAt(RANDOM.nextInt(CROCKFORD.length())));
        }
        return out.toString();
    }
}
