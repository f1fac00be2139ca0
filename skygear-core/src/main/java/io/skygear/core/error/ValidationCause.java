package io.skygear.core.error;

import java.util.Comparator;
import java.util.Map;
import java.util.Objects;

/**
 * One reason why a request body or a configuration is invalid, as listed in
 * {@code error.info.causes}: {@code {kind, pointer, message, details?}}.
 *
 * @param kind    one of {@code General, Required, Type, Constant, Enum, ExtraEntry, EntryAmount,
 *                StringLength, StringFormat, NumberRange} (or a feature-specific kind)
 * @param pointer RFC 6901 JSON pointer to the offending value ({@code ""} for the root)
 * @param message human-readable explanation
 * @param details optional machine-readable details such as {@code {"gte": 1}}; empty when none
 */
public record ValidationCause(String kind, String pointer, String message, Map<String, Object> details) {

    /** Causes are reported sorted by pointer, then kind, as the original did. */
    public static final Comparator<ValidationCause> ORDER =
            Comparator.comparing(ValidationCause::pointer).thenComparing(ValidationCause::kind);

    public ValidationCause {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(message, "message");
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public ValidationCause(String kind, String pointer, String message) {
        this(kind, pointer, message, Map.of());
    }

    /** {@code "<pointer>: <message>"}, the form used in logs and exception messages. */
    @Override
    public String toString() {
        return pointer + ": " + message;
    }
}
