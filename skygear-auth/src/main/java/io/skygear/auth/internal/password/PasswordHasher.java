package io.skygear.auth.internal.password;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Password hashes in the original's format. New hashes are {@code $bcrypt-sha512$} followed by a bcrypt
 * string (cost {@value #COST}, {@code $2a$}) computed over the raw 64-byte SHA-512 digest of the UTF-8
 * password, e.g. {@code $bcrypt-sha512$$2a$10$…}. Stored hashes with any other {@code $id$} prefix are
 * plain bcrypt ({@code $2a$}, {@code $2b$}, {@code $2y$}) over the password bytes; {@link #needsRehash}
 * tells the caller to replace them after a successful login.
 *
 * <p>Thread-safe. Never logs passwords or hashes.
 */
public final class PasswordHasher {

    /** bcrypt cost of new hashes, as in the original. */
    public static final int COST = 10;

    static final String PREFIX = "$bcrypt-sha512$";

    // bcrypt reads at most 72 key bytes; longer plain-bcrypt inputs are cut as Go's bcrypt did implicitly
    private static final int BCRYPT_MAX_KEY_BYTES = 72;
    private static final int BCRYPT_HASH_LENGTH = 60;

    private final SecureRandom random = new SecureRandom();
    private volatile String dummyHash;

    /** A new {@code $bcrypt-sha512$} hash of {@code password} with a random salt. */
    public String hash(String password) {
        String salt = BCrypt.gensalt("$2a", COST, random);
        return PREFIX + BCrypt.hashpw(sha512(password), salt);
    }

    /**
     * Whether {@code password} matches {@code storedHash}. A malformed or unsupported hash never matches.
     * The final comparison is constant-time.
     */
    public boolean verify(String password, String storedHash) {
        if (password == null || storedHash == null) {
            return false;
        }
        if (storedHash.startsWith(PREFIX)) {
            return bcryptMatches(sha512(password), storedHash.substring(PREFIX.length()));
        }
        if (!hasFormatId(storedHash)) {
            return false;
        }
        byte[] key = password.getBytes(StandardCharsets.UTF_8);
        return bcryptMatches(key.length > BCRYPT_MAX_KEY_BYTES ? Arrays.copyOf(key, BCRYPT_MAX_KEY_BYTES) : key,
                storedHash);
    }

    /** True for anything but a {@code $bcrypt-sha512$} hash of at least cost {@value #COST}. */
    public boolean needsRehash(String storedHash) {
        if (storedHash == null || !storedHash.startsWith(PREFIX)) {
            return true;
        }
        String bcrypt = storedHash.substring(PREFIX.length());
        return !isBcrypt(bcrypt) || cost(bcrypt) < COST;
    }

    /**
     * A valid hash of a random secret, computed once. Verifying against it costs as much as a real
     * verification, so unknown login IDs take as long as wrong passwords.
     */
    public String dummyHash() {
        String h = dummyHash;
        if (h == null) {
            synchronized (this) {
                h = dummyHash;
                if (h == null) {
                    byte[] secret = new byte[32];
                    random.nextBytes(secret);
                    h = hash(Base64.getEncoder().encodeToString(secret));
                    dummyHash = h;
                }
            }
        }
        return h;
    }

    // "$<id>$<data>", the original's envelope; anything else is an invalid password format
    private static boolean hasFormatId(String hash) {
        return hash.startsWith("$") && hash.indexOf('$', 1) > 0;
    }

    private static boolean bcryptMatches(byte[] key, String bcrypt) {
        if (!isBcrypt(bcrypt)) {
            return false;
        }
        String computed;
        try {
            computed = BCrypt.hashpw(key, bcrypt);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII),
                bcrypt.getBytes(StandardCharsets.US_ASCII));
    }

    // $2a$, $2b$ or $2y$, two-digit cost 04..31, 53 characters of salt and hash
    private static boolean isBcrypt(String s) {
        if (s.length() != BCRYPT_HASH_LENGTH || !s.startsWith("$2") || s.charAt(3) != '$' || s.charAt(6) != '$') {
            return false;
        }
        char minor = s.charAt(2);
        if (minor != 'a' && minor != 'b' && minor != 'y') {
            return false;
        }
        if (!isAsciiDigit(s.charAt(4)) || !isAsciiDigit(s.charAt(5))) {
            return false;
        }
        int cost = cost(s);
        if (cost < 4 || cost > 31) {
            return false;
        }
        for (int i = 7; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c == '.' || c == '/' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || isAsciiDigit(c))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int cost(String bcrypt) {
        return (bcrypt.charAt(4) - '0') * 10 + (bcrypt.charAt(5) - '0');
    }

    private static byte[] sha512(String password) {
        try {
            return MessageDigest.getInstance("SHA-512").digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is required of every Java platform", e);
        }
    }
}
