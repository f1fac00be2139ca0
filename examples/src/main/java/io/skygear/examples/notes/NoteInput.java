package io.skygear.examples.notes;

import io.skygear.core.error.SkygearException;
import io.skygear.core.error.ValidationCause;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The body of {@code POST /api/notes} and {@code PUT /api/notes/{id}}; a PUT replaces the whole note,
 * so leaving {@code attachment} out removes it. {@code JsonBodyReader} checks types, required and
 * unknown fields; the constructor adds the value rules, every cause at once.
 *
 * @param attachment the name of an asset uploaded through {@code /_asset} (checked by the servlet)
 */
record NoteInput(String title, String body, Optional<String> attachment) {

    /** In characters (code points). */
    static final int MAX_TITLE_LENGTH = 200;
    static final int MAX_BODY_LENGTH = 10_000;

    NoteInput {
        List<ValidationCause> causes = new ArrayList<>();
        checkText(causes, "/title", title, MAX_TITLE_LENGTH, true);
        checkText(causes, "/body", body, MAX_BODY_LENGTH, false);
        if (!causes.isEmpty()) {
            throw SkygearException.validationFailed("invalid request body", causes);
        }
    }

    private static void checkText(List<ValidationCause> causes, String pointer, String value, int max, boolean oneLine) {
        int length = value.codePointCount(0, value.length());
        if (oneLine && value.isBlank()) {
            causes.add(new ValidationCause("StringLength", pointer, "must not be blank", Map.of("gte", 1)));
        } else if (length > max) {
            causes.add(new ValidationCause("StringLength", pointer,
                    "String length must be less than or equal to " + max, Map.of("lte", max)));
        }
        // PostgreSQL text cannot hold NUL, and the driver would turn a lone surrogate into '?'
        if (value.codePoints().anyMatch(c -> c == 0 || Character.getType(c) == Character.SURROGATE)) {
            causes.add(new ValidationCause("StringFormat", pointer, "must be valid Unicode text without NUL"));
        } else if (oneLine && value.codePoints().anyMatch(Character::isISOControl)) {
            causes.add(new ValidationCause("StringFormat", pointer, "must be one line without control characters"));
        }
    }
}
