package io.skygear.auth.internal.forgot;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The original's reset code: the first 8 hex digits of SHA-256(master key ‖ user id ‖ expire_at ‖ the
 * password hash ‖ last login), times as RFC 3339 UTC seconds ({@code 2006-02-02T15:04:05Z}), last
 * login left out when the user never logged in. Nothing is stored: a new password (or a login) changes
 * the expected code, so a code works once.
 */
final class ResetCode {

    private ResetCode() {
    }

    static String of(String masterKey, String userId, Instant expireAt, String passwordHash, Optional<Instant> lastLoginAt) {
        StringBuilder input = new StringBuilder()
                .append(masterKey)
                .append(userId)
                .append(rfc3339(expireAt))
                .append(passwordHash);
        lastLoginAt.ifPresent(at -> input.append(rfc3339(at)));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(input.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Whether {@code code} is the expected one, compared in constant time. */
    static boolean matches(String expected, String code) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), code.getBytes(StandardCharsets.UTF_8));
    }

    private static String rfc3339(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
