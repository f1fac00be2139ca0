package io.skygear.core.http;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Replaces secrets in text bound for logs with {@value #MASK}: JWTs, session tokens
 * ({@code <uuid>.<random>}) and the literal secrets given (typically {@code TenantConfig.secrets()}:
 * master key, API keys, client secrets, database URL, …). Immutable and thread-safe.
 */
public final class SecretMasker {

    public static final String MASK = "********";

    private static final List<Pattern> TOKEN_PATTERNS = List.of(
            Pattern.compile("eyJ[A-Za-z0-9\\-_=]+\\.[A-Za-z0-9\\-_=]+\\.?[A-Za-z0-9\\-_.+/=]*"),
            Pattern.compile("[A-Fa-f0-9\\-]{36}\\.[A-Za-z0-9]+"));

    private static final SecretMasker TOKENS_ONLY = new SecretMasker(List.of());

    private final List<String> secrets;

    private SecretMasker(List<String> secrets) {
        this.secrets = secrets;
    }

    /** Masks tokens only. */
    public static SecretMasker tokensOnly() {
        return TOKENS_ONLY;
    }

    /** Masks tokens and every non-empty string of {@code secrets}. */
    public static SecretMasker of(Collection<String> secrets) {
        List<String> literal = secrets.stream()
                .filter(Objects::nonNull)
                .filter(s -> !s.isEmpty())
                .distinct()
                // longest first, so a secret that contains another is masked whole
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
        return literal.isEmpty() ? TOKENS_ONLY : new SecretMasker(literal);
    }

    /** {@code text} with every secret replaced by {@value #MASK}; {@code null} stays {@code null}. */
    public String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        for (Pattern pattern : TOKEN_PATTERNS) {
            masked = pattern.matcher(masked).replaceAll(MASK);
        }
        return masked;
    }
}
