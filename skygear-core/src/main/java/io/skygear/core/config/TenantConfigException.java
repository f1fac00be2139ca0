package io.skygear.core.config;

import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import io.skygear.core.error.ValidationCause;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A tenant configuration is invalid: {@code Invalid/ValidationFailed} "invalid tenant configuration"
 * with every problem found as {@link #causes()}, sorted by pointer. {@link #getMessage()} lists them
 * one per line ({@code <pointer>: <message>}) so that a failing startup explains itself; it never
 * contains configuration values.
 */
public final class TenantConfigException extends SkygearException {

    private static final String MESSAGE = "invalid tenant configuration";

    private final String source;

    /**
     * @param source where the configuration came from (a file name), or {@code null}
     * @param causes at least one problem
     */
    public TenantConfigException(String source, List<ValidationCause> causes) {
        super(ErrorName.INVALID, "ValidationFailed", MESSAGE,
                Map.of("causes", causes.stream().sorted(ValidationCause.ORDER).toList()));
        if (causes.isEmpty()) {
            throw new IllegalArgumentException("a TenantConfigException needs at least one cause");
        }
        this.source = source;
    }

    @Override
    public String getMessage() {
        String header = source == null ? MESSAGE : MESSAGE + " in " + source;
        return causes().stream()
                .map(c -> "  " + (c.pointer().isEmpty() ? c.message() : c.toString()))
                .collect(Collectors.joining("\n", header + ":\n", ""));
    }
}
