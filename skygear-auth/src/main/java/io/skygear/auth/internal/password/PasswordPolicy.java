package io.skygear.auth.internal.password;

import com.nulabinc.zxcvbn.Zxcvbn;
import io.skygear.core.config.PasswordPolicyConfig;
import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The tenant's {@code password_policy}: every rule is checked and all violations are reported together
 * as 400 {@code Invalid/PasswordPolicyViolated} "password policy violated" with {@code info.causes}, each
 * {@code {"kind": …, …details}} as the original wrote them, e.g.
 * {@code {"kind":"PasswordTooShort","min_length":6,"pw_length":4}}.
 *
 * <p>Rules: {@code min_length} in UTF-8 bytes; ASCII upper case, lower case and digit; a symbol (any
 * character that is not an ASCII letter or digit); {@code excluded_keywords} as case-insensitive
 * substrings; the zxcvbn score at least {@code minimum_guessable_level - 1} (reported level = score + 1);
 * and, when history is enabled and previous hashes are given, no reuse of them.
 *
 * <p>Immutable and thread-safe.
 */
public final class PasswordPolicy {

    public static final String REASON = "PasswordPolicyViolated";
    public static final String MESSAGE = "password policy violated";

    // zxcvbn's matching cost grows steeply with length (seconds for a few hundred characters): only a
    // prefix this long is scored, as zxcvbn's authors recommend
    static final int GUESSABILITY_MAX_CHARS = 100;

    private final PasswordPolicyConfig config;
    private final PasswordHasher hasher;
    private final Optional<Pattern> excludedKeywords;

    private PasswordPolicy(PasswordPolicyConfig config, PasswordHasher hasher) {
        this.config = Objects.requireNonNull(config, "config");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        // the original joined the quoted keywords into one case-insensitive alternation; empty keywords
        // would match every password, so they are ignored
        List<String> keywords = config.excludedKeywords().stream().filter(k -> !k.isEmpty()).toList();
        this.excludedKeywords = keywords.isEmpty()
                ? Optional.empty()
                : Optional.of(Pattern.compile(
                        keywords.stream().map(Pattern::quote).collect(Collectors.joining("|")),
                        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }

    public static PasswordPolicy of(PasswordPolicyConfig config) {
        return new PasswordPolicy(config, new PasswordHasher());
    }

    /** Whether new hashes are recorded in the password history and checked on change. */
    public boolean historyEnabled() {
        return config.historySize() > 0 || config.historyDays() > 0;
    }

    /** Checks every rule except history (signup, administrative and forgot-password resets). */
    public void check(String password) {
        check(password, List.of());
    }

    /**
     * Checks every rule; {@code previousHashes} are the hashes of the history window (see
     * {@link PasswordHistoryStore#window}), ignored when history is disabled.
     *
     * @throws SkygearException 400 {@code Invalid/PasswordPolicyViolated} listing all violations
     */
    public void check(String password, List<String> previousHashes) {
        Objects.requireNonNull(password, "password");
        List<Map<String, Object>> causes = new ArrayList<>();

        int length = password.getBytes(StandardCharsets.UTF_8).length;
        if (config.minLength() > 0 && length < config.minLength()) {
            causes.add(cause("PasswordTooShort", Map.of("min_length", config.minLength(), "pw_length", length)));
        }
        if (config.uppercaseRequired() && password.chars().noneMatch(c -> c >= 'A' && c <= 'Z')) {
            causes.add(cause("PasswordUppercaseRequired", Map.of()));
        }
        if (config.lowercaseRequired() && password.chars().noneMatch(c -> c >= 'a' && c <= 'z')) {
            causes.add(cause("PasswordLowercaseRequired", Map.of()));
        }
        if (config.digitRequired() && password.chars().noneMatch(PasswordPolicy::isAsciiDigit)) {
            causes.add(cause("PasswordDigitRequired", Map.of()));
        }
        if (config.symbolRequired() && password.chars().allMatch(PasswordPolicy::isAsciiAlphanumeric)) {
            causes.add(cause("PasswordSymbolRequired", Map.of()));
        }
        if (excludedKeywords.isPresent() && excludedKeywords.get().matcher(password).find()) {
            causes.add(cause("PasswordContainingExcludedKeywords", Map.of()));
        }
        if (config.minimumGuessableLevel() > 0) {
            int minScore = Math.min(config.minimumGuessableLevel() - 1, 4);
            int score = guessabilityScore(password);
            if (score < minScore) {
                causes.add(cause("PasswordBelowGuessableLevel",
                        Map.of("min_level", config.minimumGuessableLevel(), "pw_level", score + 1)));
            }
        }
        if (historyEnabled() && previousHashes.stream().anyMatch(h -> hasher.verify(password, h))) {
            causes.add(cause("PasswordReused",
                    Map.of("history_size", config.historySize(), "history_days", config.historyDays())));
        }

        if (!causes.isEmpty()) {
            throw new SkygearException(ErrorName.INVALID, REASON, MESSAGE, Map.of("causes", List.copyOf(causes)));
        }
    }

    /** The zxcvbn score 0–4 of (a bounded prefix of) {@code password}. */
    static int guessabilityScore(String password) {
        CharSequence input = password.length() > GUESSABILITY_MAX_CHARS
                ? password.substring(0, GUESSABILITY_MAX_CHARS)
                : password;
        return Zxcvbn4j.INSTANCE.measure(input).getScore();
    }

    // keys sorted as Go's encoding/json wrote the original's map: "kind" among its details
    private static Map<String, Object> cause(String kind, Map<String, Object> details) {
        TreeMap<String, Object> cause = new TreeMap<>(details);
        cause.put("kind", kind);
        return java.util.Collections.unmodifiableMap(cause);
    }

    private static boolean isAsciiDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiAlphanumeric(int c) {
        return isAsciiDigit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    // dictionaries load on first use only, and once: measuring is thread-safe
    private static final class Zxcvbn4j {
        static final Zxcvbn INSTANCE = new Zxcvbn();
    }
}
