package io.skygear.auth.internal.admin;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * JSON Schema's {@code date-time} as the original checked it (Go's {@code time.Parse(time.RFC3339, …)}):
 * {@code 2019-07-31T09:39:22Z}, {@code 2019-07-31T17:39:22.349+08:00}; seconds and offset required.
 */
final class Rfc3339 {

    private static final Pattern FORM =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");

    private Rfc3339() {
    }

    static Optional<Instant> parse(String value) {
        if (!FORM.matcher(value).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
