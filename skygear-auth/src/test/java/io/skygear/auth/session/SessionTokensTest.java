package io.skygear.auth.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.auth.internal.session.SessionTokens;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Tokens are "<session uuid>.<32 alphanumerics>", random, and stored only as hex SHA-256. */
class SessionTokensTest {

    private static final String SESSION_ID = UUID.randomUUID().toString();

    @Test
    void generatedTokenIsSessionIdDotThirtyTwoAlphanumerics() {
        String token = SessionTokens.generate(SESSION_ID);

        assertThat(token).startsWith(SESSION_ID + ".");
        assertThat(token.substring(SESSION_ID.length() + 1)).matches("[A-Za-z0-9]{32}");
    }

    @Test
    void generatedTokensDoNotRepeatAndUseTheWholeAlphabet() {
        Set<String> tokens = new HashSet<>();
        Set<Character> characters = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String token = SessionTokens.generate(SESSION_ID);
            tokens.add(token);
            token.substring(37).chars().forEach(c -> characters.add((char) c));
        }

        assertThat(tokens).hasSize(1000);
        // 32,000 draws from 62 symbols: every symbol shows up (a missing one would mean a biased generator)
        assertThat(characters).hasSize(62);
    }

    @Test
    void parseReturnsTheSessionIdOfAWellFormedToken() {
        assertThat(SessionTokens.sessionId(SessionTokens.generate(SESSION_ID))).contains(SESSION_ID);
    }

    @Test
    void parseRejectsEverythingElse() {
        String secret = "a".repeat(32);
        for (String bad : new String[] {
                null, "", ".", SESSION_ID, SESSION_ID + ".", SESSION_ID + "." + "a".repeat(31),
                SESSION_ID + "." + "a".repeat(33), SESSION_ID + "." + "a".repeat(31) + "-",
                SESSION_ID + "." + "a".repeat(31) + "é", SESSION_ID.toUpperCase() + "." + secret,
                "not-a-uuid-at-all-not-a-uuid-at-all." + secret, SESSION_ID + ".." + secret.substring(1),
                SESSION_ID + "." + secret + ".x", " " + SESSION_ID + "." + secret.substring(1),
                "access-token-user-principal-0",
                // a digit where a dash belongs and a dash where a digit belongs; a non-hex letter
                "012345678-9ab-cdef-0123-456789abcdef." + secret, "01234567-89ab-cdef-0123-456789abcdeg." + secret}) {
            assertThat(SessionTokens.sessionId(bad)).as(String.valueOf(bad)).isEmpty();
        }
    }

    @Test
    void hashIsLowerCaseHexSha256OfTheWholeToken() {
        // SHA-256("abc"), FIPS 180-2 test vector
        assertThat(SessionTokens.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void matchesOnlyTheHashedToken() {
        String token = SessionTokens.generate(SESSION_ID);
        String stored = SessionTokens.hash(token);

        assertThat(SessionTokens.matches(token, stored)).isTrue();
        assertThat(SessionTokens.matches(SessionTokens.generate(SESSION_ID), stored)).isFalse();
        assertThat(SessionTokens.matches(token, stored.toUpperCase())).isFalse();
        assertThat(SessionTokens.matches(token, null)).isFalse();
    }
}
