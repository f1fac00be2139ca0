package io.skygear.auth.internal.verify;

import io.skygear.core.config.VerificationCodeFormat;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Locale;

/**
 * Verification codes as the original made them: {@code numeric} = 6 digits, {@code complex} = 8
 * characters of Crockford's base32 alphabet. Input is normalised the Crockford way before comparing:
 * case-insensitive, {@code -} dropped, {@code I}/{@code L} read as {@code 1}, {@code O} as {@code 0}.
 */
final class VerifyCodes {

    static final String COMPLEX_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private static final SecureRandom RANDOM = new SecureRandom();

    private VerifyCodes() {
    }

    static String generate(VerificationCodeFormat format) {
        if (format == VerificationCodeFormat.NUMERIC) {
            return String.format(Locale.ROOT, "%06d", RANDOM.nextInt(1_000_000));
        }
        StringBuilder code = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            code.append(COMPLEX_ALPHABET.charAt(RANDOM.nextInt(COMPLEX_ALPHABET.length())));
        }
        return code.toString();
    }

    static String normalize(String input) {
        StringBuilder out = new StringBuilder(input.length());
        for (char c : input.toUpperCase(Locale.ROOT).toCharArray()) {
            switch (c) {
                case '-' -> { }
                case 'I', 'L' -> out.append('1');
                case 'O' -> out.append('0');
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Whether {@code input}, normalised, is {@code stored}; constant time in the stored code. */
    static boolean matches(String stored, String input) {
        return MessageDigest.isEqual(normalize(stored).getBytes(StandardCharsets.UTF_8),
                normalize(input).getBytes(StandardCharsets.UTF_8));
    }
}
