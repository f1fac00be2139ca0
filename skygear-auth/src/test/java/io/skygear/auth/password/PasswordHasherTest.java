package io.skygear.auth.password;

import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.auth.internal.password.PasswordHasher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.security.crypto.bcrypt.BCrypt;

/** Hash format, the original's vectors, plain bcrypt upgrades and malformed hashes. */
class PasswordHasherTest {

    // from the original's core/password tests: "$bcrypt-sha512$" + bcrypt over the SHA-512 digest
    static final String PASSWORD_VECTOR = "$bcrypt-sha512$$2a$10$qQybX3kAJNT2YqYRVmbfjO5EhgWm6vV4cWmXo2ZATAuBmCyJM2fKu";
    static final String LONG_VECTOR = "$bcrypt-sha512$$2a$10$zDrD87PynMMSNjLGHu0y.uBZ8qf8j75xiBYmAK9QPqk7zqFvLigQi";
    static final String LONG_PASSWORD =
            "password12345678password12345678password12345678password12345678password12345678";
    // reference §12 case 15: a plain bcrypt hash of "123456" stored by an older server
    static final String PLAIN_123456 = "$2a$10$/jm/S1sY6ldfL6UZljlJdOAdJojsJfkjg/pqK47Q8WmOLE19tGWQi";

    final PasswordHasher hasher = new PasswordHasher();

    @Nested
    class NewHashes {

        @Test
        void areBcryptSha512WithCost10AndARandomSalt() {
            String first = hasher.hash("password");
            String second = hasher.hash("password");

            assertThat(first).startsWith("$bcrypt-sha512$$2a$10$").hasSize("$bcrypt-sha512$".length() + 60);
            assertThat(second).isNotEqualTo(first);
            assertThat(hasher.verify("password", first)).isTrue();
            assertThat(hasher.verify("password", second)).isTrue();
            assertThat(hasher.verify("Password", first)).isFalse();
            assertThat(hasher.needsRehash(first)).isFalse();
        }

        @Test
        void coverTheWholeUnicodePassword() {
            String password = "密碼パスワード🔑".repeat(10);
            String hash = hasher.hash(password);

            assertThat(hasher.verify(password, hash)).isTrue();
            assertThat(hasher.verify(password.substring(0, password.length() - 2), hash)).isFalse();
        }

        @Test
        void areOverTheSha512DigestSoABcryptLibraryVerifiesTheSuffix() throws Exception {
            String hash = hasher.hash("secret");
            String bcrypt = hash.substring("$bcrypt-sha512$".length());

            assertThat(BCrypt.hashpw(sha512("secret"), bcrypt)).isEqualTo(bcrypt);
        }
    }

    @Nested
    class OriginalVectors {

        @Test
        void passwordMatchesOnlyItself() {
            assertThat(hasher.verify("password", PASSWORD_VECTOR)).isTrue();
            assertThat(hasher.verify("Password", PASSWORD_VECTOR)).isFalse();
            assertThat(hasher.needsRehash(PASSWORD_VECTOR)).isFalse();
        }

        @Test
        void longPasswordsAreNotTruncated() {
            assertThat(hasher.verify(LONG_PASSWORD, LONG_VECTOR)).isTrue();
            assertThat(hasher.verify("P" + LONG_PASSWORD.substring(1), LONG_VECTOR)).isFalse();
            assertThat(hasher.verify(LONG_PASSWORD.substring(0, LONG_PASSWORD.length() - 1) + "0", LONG_VECTOR))
                    .isFalse();
        }
    }

    @Nested
    class PlainBcrypt {

        @Test
        void isVerifiedAndNeedsRehash() {
            assertThat(hasher.verify("123456", PLAIN_123456)).isTrue();
            assertThat(hasher.verify("1234567", PLAIN_123456)).isFalse();
            assertThat(hasher.needsRehash(PLAIN_123456)).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"$2b$", "$2y$"})
        void otherRevisionsAreAccepted(String revision) {
            // 2a, 2b and 2y compute the same hash for passwords this short
            String hash = revision + PLAIN_123456.substring(4);

            assertThat(hasher.verify("123456", hash)).isTrue();
            assertThat(hasher.verify("654321", hash)).isFalse();
            assertThat(hasher.needsRehash(hash)).isTrue();
        }

        @Test
        void readsOnlyTheFirst72BytesAsBcryptAlwaysDid() {
            String password = "x".repeat(72) + "ignored";
            String hash = BCrypt.hashpw("x".repeat(72), BCrypt.gensalt(4));

            assertThat(hasher.verify(password, hash)).isTrue();
            assertThat(hasher.verify("x".repeat(71), hash)).isFalse();
        }

        @Test
        void upgradeGivesANewFormatHashOfTheSamePassword() {
            String upgraded = hasher.hash("123456");

            assertThat(hasher.verify("123456", upgraded)).isTrue();
            assertThat(hasher.needsRehash(upgraded)).isFalse();
        }
    }

    @Test
    void lowerCostNeedsRehash() throws Exception {
        String weak = "$bcrypt-sha512$" + BCrypt.hashpw(sha512("password"), BCrypt.gensalt(4));
        String stronger = "$bcrypt-sha512$" + BCrypt.hashpw(sha512("password"), BCrypt.gensalt(11));

        assertThat(hasher.verify("password", weak)).isTrue();
        assertThat(hasher.needsRehash(weak)).isTrue();
        assertThat(hasher.needsRehash(stronger)).isFalse();
    }

    static Stream<String> malformedHashes() {
        return Stream.of(
                "",
                "123456",
                "$",
                "$bcrypt-sha512$",
                "$bcrypt-sha512$garbage",
                "$bcrypt-sha512$" + PLAIN_123456.substring(0, 59),
                "$bcrypt-sha512$" + PLAIN_123456 + "x",
                "$2x$" + PLAIN_123456.substring(4),
                "$2a$99$" + PLAIN_123456.substring(7),
                "$2a$1x$" + PLAIN_123456.substring(7),
                "$2a$10$" + PLAIN_123456.substring(7, 58) + "!!",
                "$md5$abcdef",
                "no-dollar-prefix" + PLAIN_123456);
    }

    @ParameterizedTest
    @MethodSource("malformedHashes")
    void malformedHashesNeverMatchAndNeedRehash(String hash) {
        assertThat(hasher.verify("123456", hash)).isFalse();
        assertThat(hasher.needsRehash(hash)).isTrue();
    }

    @Test
    void nullsNeverMatch() {
        assertThat(hasher.verify(null, PLAIN_123456)).isFalse();
        assertThat(hasher.verify("123456", null)).isFalse();
        assertThat(hasher.needsRehash(null)).isTrue();
    }

    @Test
    void dummyHashIsAStableValidHashThatMatchesNothingGuessable() {
        String dummy = hasher.dummyHash();

        assertThat(hasher.dummyHash()).isSameAs(dummy);
        assertThat(dummy).startsWith("$bcrypt-sha512$$2a$10$");
        assertThat(hasher.needsRehash(dummy)).isFalse();
        assertThat(hasher.verify("", dummy)).isFalse();
        assertThat(hasher.verify("password", dummy)).isFalse();
    }

    private static byte[] sha512(String password) throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-512").digest(password.getBytes(StandardCharsets.UTF_8));
    }
}
