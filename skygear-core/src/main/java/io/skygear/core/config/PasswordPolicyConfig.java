package io.skygear.core.config;

import java.util.List;

/**
 * {@code user_config.password_policy}. Zero / {@code false} disables a rule.
 *
 * @param minimumGuessableLevel 0–4; the zxcvbn score must be at least this minus one
 * @param excludedKeywords      case-insensitive substrings a password must not contain
 * @param historySize           a new password must differ from this many previous ones
 * @param historyDays           ... and from those used within this many days
 * @param expiryDays            parsed for compatibility; not enforced (as in the original)
 */
public record PasswordPolicyConfig(
        int minLength,
        boolean uppercaseRequired,
        boolean lowercaseRequired,
        boolean digitRequired,
        boolean symbolRequired,
        int minimumGuessableLevel,
        List<String> excludedKeywords,
        int historySize,
        int historyDays,
        int expiryDays) {

    public PasswordPolicyConfig {
        excludedKeywords = List.copyOf(excludedKeywords);
    }
}
