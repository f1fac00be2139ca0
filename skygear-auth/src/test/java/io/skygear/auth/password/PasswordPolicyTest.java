package io.skygear.auth.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.skygear.auth.internal.password.PasswordHasher;
import io.skygear.auth.internal.password.PasswordPolicy;
import io.skygear.core.config.PasswordPolicyConfig;
import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every rule of the password policy alone, all together, zxcvbn levels and the history rule. */
class PasswordPolicyTest {

    static final PasswordPolicyConfig NONE = new PasswordPolicyConfig(0, false, false, false, false, 0, List.of(), 0, 0, 0);

    // hashes of "chima" and "faseng" from the original's password checker tests
    static final String CHIMA = "$2a$10$EazYxG5cUdf99wGXDU1fguNxvCe7xQLEgr/Ay6VS9fkkVjHZtpJfm";
    static final String FASENG = "$2a$10$8Z0zqmCZ3pZUlvLD8lN.B.ecN7MX8uVcZooPUFnCcB8tWR6diVc1a";

    @Test
    void anEmptyPolicyAcceptsAnything() {
        PasswordPolicy policy = PasswordPolicy.of(NONE);

        assertThatCode(() -> policy.check("")).doesNotThrowAnyException();
        assertThatCode(() -> policy.check("x", List.of(CHIMA))).doesNotThrowAnyException();
        assertThat(policy.historyEnabled()).isFalse();
    }

    @Test
    void violationIsInvalidPasswordPolicyViolatedWithTheOriginalsMessage() {
        SkygearException e = violation(config(6, false, false, false, false, 0, List.of()), "1234");

        assertThat(e.name()).isEqualTo(ErrorName.INVALID);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.reason()).isEqualTo("PasswordPolicyViolated");
        assertThat(e.getMessage()).isEqualTo("password policy violated");
        // reference §12 case 4
        assertThat(e.info()).isEqualTo(Map.of("causes",
                List.of(Map.of("kind", "PasswordTooShort", "min_length", 6, "pw_length", 4))));
    }

    @Nested
    class MinLength {

        @Test
        void countsUtf8Bytes() {
            PasswordPolicyConfig sixBytes = config(6, false, false, false, false, 0, List.of());

            // two CJK characters are six UTF-8 bytes
            assertThatCode(() -> PasswordPolicy.of(sixBytes).check("密碼")).doesNotThrowAnyException();
            assertThat(causes(violation(sixBytes, "密a")))
                    .containsExactly(Map.of("kind", "PasswordTooShort", "min_length", 6, "pw_length", 4));
        }

        @Test
        void exactLengthPasses() {
            assertThatCode(() -> PasswordPolicy.of(config(2, false, false, false, false, 0, List.of())).check("ab"))
                    .doesNotThrowAnyException();
            assertThat(causes(violation(config(2, false, false, false, false, 0, List.of()), "1")))
                    .containsExactly(Map.of("kind", "PasswordTooShort", "min_length", 2, "pw_length", 1));
        }
    }

    @Nested
    class CharacterClasses {

        @ParameterizedTest
        @CsvSource({
                "UPPER, a, Z, PasswordUppercaseRequired",
                "UPPER, ÀÉÎ, aZ, PasswordUppercaseRequired",
                "LOWER, A, z, PasswordLowercaseRequired",
                "LOWER, àéî, Az, PasswordLowercaseRequired",
                "DIGIT, -, 9, PasswordDigitRequired",
                "DIGIT, ٣, 0, PasswordDigitRequired",
                "SYMBOL, azAZ09, ~, PasswordSymbolRequired",
                "SYMBOL, abc, é, PasswordSymbolRequired"})
        void asciiClassesOnlySymbolIsAnythingElse(String rule, String failing, String passing, String kind) {
            PasswordPolicyConfig config = config(0, rule.equals("UPPER"), rule.equals("LOWER"), rule.equals("DIGIT"),
                    rule.equals("SYMBOL"), 0, List.of());

            assertThat(causes(violation(config, failing))).containsExactly(Map.of("kind", kind));
            assertThatCode(() -> PasswordPolicy.of(config).check(passing)).doesNotThrowAnyException();
        }
    }

    @Nested
    class ExcludedKeywords {

        @Test
        void matchCaseInsensitivelyAnywhere() {
            PasswordPolicyConfig config = config(0, false, false, false, false, 0, List.of("admin"));

            // reference §12 case 22
            assertThat(causes(violation(config, "ADminIsEmbedded")))
                    .containsExactly(Map.of("kind", "PasswordContainingExcludedKeywords"));
            assertThatCode(() -> PasswordPolicy.of(config).check("a_good_password")).doesNotThrowAnyException();
        }

        @Test
        void anyOfSeveralMatchesAndRegexCharactersAreLiteral() {
            assertThat(causes(violation(config(0, false, false, false, false, 0, List.of("admin", "user")), "user")))
                    .containsExactly(Map.of("kind", "PasswordContainingExcludedKeywords"));
            assertThat(causes(violation(config(0, false, false, false, false, 0, List.of(".", "+", "[")),
                    ".+[]{}^$QuoteRegexMetaCorrectly")))
                    .containsExactly(Map.of("kind", "PasswordContainingExcludedKeywords"));
            assertThatCode(() -> PasswordPolicy.of(config(0, false, false, false, false, 0, List.of(".*", "a+")))
                    .check("aaa bbb")).doesNotThrowAnyException();
        }

        @Test
        void emptyKeywordsAreIgnored() {
            assertThatCode(() -> PasswordPolicy.of(config(0, false, false, false, false, 0, List.of("")))
                    .check("anything")).doesNotThrowAnyException();
        }
    }

    @Nested
    class GuessableLevel {

        @Test
        void reportsScorePlusOneBelowTheMinimum() {
            assertThat(causes(violation(config(0, false, false, false, false, 5, List.of()), "password")))
                    .containsExactly(Map.of("kind", "PasswordBelowGuessableLevel", "min_level", 5, "pw_level", 1));
        }

        @Test
        void levelFiveRejectsTheOriginalsExample() {
            // reference §12 case 22: rejected at level 5. The Go port of zxcvbn scored it 0 (pw_level 1);
            // zxcvbn4j, which implements the later zxcvbn algorithm, scores it 1.
            assertThat(causes(violation(config(0, false, false, false, false, 5, List.of()), "abcde123456")))
                    .containsExactly(Map.of("kind", "PasswordBelowGuessableLevel", "min_level", 5, "pw_level", 2));
        }

        @ParameterizedTest
        @CsvSource({
                "password, 1, true",
                "password, 2, false",
                "abcde123456, 2, true",
                "abcde123456, 3, false",
                "milktea, 3, true",
                "milktea, 4, false",
                "nihongo-wo-manabimashou, 4, true",
                "nihongo-wo-manabimashou, 5, true",
                "N!hon-no-tsuk!-wa-seka!-1ban-k!re!desu, 5, true"})
        void scoreMustBeAtLeastLevelMinusOne(String password, int level, boolean passes) {
            PasswordPolicy policy = PasswordPolicy.of(config(0, false, false, false, false, level, List.of()));
            if (passes) {
                assertThatCode(() -> policy.check(password)).doesNotThrowAnyException();
            } else {
                assertThat(causes(catchThrowableOfType(SkygearException.class, () -> policy.check(password))))
                        .singleElement()
                        .satisfies(c -> assertThat(c).containsEntry("kind", "PasswordBelowGuessableLevel")
                                .containsEntry("min_level", level));
            }
        }

        @Test
        void veryLongPasswordsAreScoredQuickly() {
            PasswordPolicy policy = PasswordPolicy.of(config(0, false, false, false, false, 4, List.of()));

            assertThatCode(() -> policy.check("correct horse battery staple ".repeat(40_000)))
                    .doesNotThrowAnyException();
        }
    }

    @Nested
    class History {

        final PasswordPolicyConfig withHistory = new PasswordPolicyConfig(0, false, false, false, false, 0, List.of(), 12, 365, 0);

        @Test
        void reusingAPreviousPasswordIsRefused() {
            PasswordPolicy policy = PasswordPolicy.of(withHistory);

            assertThat(policy.historyEnabled()).isTrue();
            assertThat(causes(catchThrowableOfType(SkygearException.class,
                    () -> policy.check("faseng", List.of(CHIMA, FASENG)))))
                    .containsExactly(Map.of("kind", "PasswordReused", "history_size", 12, "history_days", 365));
            assertThatCode(() -> policy.check("milktea", List.of(CHIMA, FASENG))).doesNotThrowAnyException();
        }

        @Test
        void newFormatHashesCountToo() {
            String current = new PasswordHasher().hash("milktea");

            assertThat(causes(catchThrowableOfType(SkygearException.class,
                    () -> PasswordPolicy.of(withHistory).check("milktea", List.of(current)))))
                    .extracting(c -> c.get("kind")).containsExactly("PasswordReused");
        }

        @Test
        void isSkippedWithoutHashesOrWhenDisabled() {
            assertThatCode(() -> PasswordPolicy.of(withHistory).check("chima")).doesNotThrowAnyException();
            assertThatCode(() -> PasswordPolicy.of(NONE).check("chima", List.of(CHIMA))).doesNotThrowAnyException();
        }

        @Test
        void daysAloneOrSizeAloneEnableIt() {
            assertThat(PasswordPolicy.of(new PasswordPolicyConfig(0, false, false, false, false, 0, List.of(), 0, 1, 0))
                    .historyEnabled()).isTrue();
            assertThat(PasswordPolicy.of(new PasswordPolicyConfig(0, false, false, false, false, 0, List.of(), 1, 0, 0))
                    .historyEnabled()).isTrue();
        }
    }

    @Test
    void allViolationsAreReportedTogetherInRuleOrder() {
        PasswordPolicyConfig strict = new PasswordPolicyConfig(
                8, true, true, true, true, 5, List.of("chi"), 2, 0, 0);

        SkygearException e = catchThrowableOfType(SkygearException.class,
                () -> PasswordPolicy.of(strict).check("chima", List.of(CHIMA)));

        assertThat(causes(e)).containsExactly(
                Map.of("kind", "PasswordTooShort", "min_length", 8, "pw_length", 5),
                Map.of("kind", "PasswordUppercaseRequired"),
                Map.of("kind", "PasswordDigitRequired"),
                Map.of("kind", "PasswordSymbolRequired"),
                Map.of("kind", "PasswordContainingExcludedKeywords"),
                Map.of("kind", "PasswordBelowGuessableLevel", "min_level", 5, "pw_level", 2),
                Map.of("kind", "PasswordReused", "history_size", 2, "history_days", 0));
    }

    @Test
    void causeKeysAreOrderedAsTheOriginalSerialisedThem() {
        SkygearException e = violation(config(6, false, false, false, false, 0, List.of()), "1234");

        assertThat(causes(e).getFirst().keySet()).containsExactly("kind", "min_length", "pw_length");
    }

    @Test
    void aStrongPasswordPassesEveryRule() {
        PasswordPolicyConfig strict = new PasswordPolicyConfig(
                8, true, true, true, true, 5, List.of("user", "admin"), 2, 30, 0);

        assertThatCode(() -> PasswordPolicy.of(strict).check("N!hon-no-tsuk!-wa-seka!-1ban-k!re!desu", List.of(CHIMA)))
                .doesNotThrowAnyException();
    }

    static PasswordPolicyConfig config(int minLength, boolean upper, boolean lower, boolean digit, boolean symbol,
                                       int guessableLevel, List<String> keywords) {
        return new PasswordPolicyConfig(minLength, upper, lower, digit, symbol, guessableLevel, keywords, 0, 0, 0);
    }

    static SkygearException violation(PasswordPolicyConfig config, String password) {
        SkygearException e = catchThrowableOfType(SkygearException.class, () -> PasswordPolicy.of(config).check(password));
        assertThat(e).as("expected a policy violation for %s", password).isNotNull();
        return e;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> causes(SkygearException e) {
        assertThat(e.reason()).isEqualTo("PasswordPolicyViolated");
        return (List<Map<String, Object>>) e.info().get("causes");
    }
}
