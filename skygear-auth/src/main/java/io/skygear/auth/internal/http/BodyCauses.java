package io.skygear.auth.internal.http;

import io.skygear.core.error.SkygearException;
import io.skygear.core.error.ValidationCause;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Validation causes for the JSON Schema rules that record binding does not cover ({@code minLength},
 * {@code minItems}, {@code enum}), worded like the original's validator.
 */
public final class BodyCauses {

    private BodyCauses() {
    }

    /** {@code StringLength} "String length must be greater than or equal to 1" {@code {gte: 1}}. */
    public static ValidationCause notEmpty(String pointer) {
        return new ValidationCause("StringLength", pointer, "String length must be greater than or equal to 1",
                Map.of("gte", 1));
    }

    /** {@code StringLength} "String length must be less than or equal to n" {@code {lte: n}}. */
    public static ValidationCause maxLength(String pointer, int maximum) {
        return new ValidationCause("StringLength", pointer, "String length must be less than or equal to " + maximum,
                Map.of("lte", maximum));
    }

    /** {@code EntryAmount} "Array must have at least n items" {@code {gte: n}}. */
    public static ValidationCause minItems(String pointer, int minimum) {
        return new ValidationCause("EntryAmount", pointer, "Array must have at least " + minimum + " items",
                Map.of("gte", minimum));
    }

    /** {@code Enum} "x must be one of the following: "a", "b"" {@code {expected: [a, b]}}. */
    public static ValidationCause oneOf(String pointer, String property, List<String> allowed) {
        String list = allowed.stream().map(a -> "\"" + a + "\"").collect(Collectors.joining(", "));
        return new ValidationCause("Enum", pointer, property + " must be one of the following: " + list,
                Map.of("expected", allowed));
    }

    /** {@code General} with a message of the endpoint's own. */
    public static ValidationCause general(String pointer, String message) {
        return new ValidationCause("General", pointer, message);
    }

    /** Throws 400 {@code ValidationFailed} with {@link #notEmpty} at {@code pointer} when {@code value} is empty. */
    public static void requireNotEmpty(String value, String pointer) {
        if (value.isEmpty()) {
            throwIfAny(List.of(notEmpty(pointer)));
        }
    }

    /** Throws 400 {@code Invalid/ValidationFailed} "invalid request body" when there are causes. */
    public static void throwIfAny(List<ValidationCause> causes) {
        if (!causes.isEmpty()) {
            throw SkygearException.validationFailed("invalid request body", causes);
        }
    }
}
