package io.skygear.auth.internal.mfa.totp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * TOTP as the original used it: RFC 6238 with HMAC-SHA1, 6 digits, 30-second steps from the Unix epoch,
 * codes of one step before and after now accepted (clock skew). Secrets are 20 random bytes written as
 * 32 base32 characters.
 */
public final class Totp {

    public static final int DIGITS = 6;
    public static final long STEP_SECONDS = 30;
    public static final int SKEW_STEPS = 1;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private Totp() {
    }

    /** A new secret: 20 random bytes, base32 (32 characters). */
    public static String newSecret() {
        byte[] key = new byte[20];
        RANDOM.nextBytes(key);
        return Base32.encode(key);
    }

    /** The time step of {@code time}: whole 30-second periods since the epoch. */
    public static long step(Instant time) {
        return Math.floorDiv(time.getEpochSecond(), STEP_SECONDS);
    }

    /** The 6-digit code of {@code secret} (base32) at {@code time}. */
    public static String code(String secret, Instant time) {
        return code(Base32.decode(secret), step(time), DIGITS);
    }

    /** RFC 4226 HOTP over HMAC-SHA1: the {@code digits}-digit code of counter {@code step}. */
    public static String code(byte[] key, long step, int digits) {
        byte[] hash;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        String code = Integer.toString(binary % POWERS[digits]);
        return "0".repeat(digits - code.length()) + code;
    }

    /**
     * The time step whose code {@code otp} is, among now and one step either side; empty when none
     * matches. Every candidate is computed and compared in constant time.
     */
    public static OptionalLong match(String secret, String otp, Instant now) {
        byte[] key;
        try {
            key = Base32.decode(secret);
        } catch (IllegalArgumentException e) {
            return OptionalLong.empty();
        }
        byte[] given = otp.getBytes(StandardCharsets.UTF_8);
        long current = step(now);
        OptionalLong matched = OptionalLong.empty();
        for (long step = current - SKEW_STEPS; step <= current + SKEW_STEPS; step++) {
            byte[] expected = code(key, step, DIGITS).getBytes(StandardCharsets.UTF_8);
            if (MessageDigest.isEqual(expected, given) && matched.isEmpty()) {
                matched = OptionalLong.of(step);
            }
        }
        return matched;
    }
}
