package io.skygear.auth.internal.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;

/**
 * Times as the original's JSON wrote them (Go {@code time.Time}): RFC 3339 in UTC with the fraction
 * trimmed of trailing zeros ({@code 2019-11-29T10:20:30.1234Z}), or without fraction where the original
 * formatted with {@code time.RFC3339}.
 */
public final class WireTime {

    private static final DateTimeFormatter NANO = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .appendLiteral('Z')
            .toFormatter()
            .withZone(ZoneOffset.UTC);

    private WireTime() {
    }

    /** Go's {@code RFC3339Nano}: {@code 2019-11-29T10:20:30.5Z}, no fraction when it is zero. */
    public static String rfc3339Nano(Instant time) {
        return NANO.format(time);
    }

    /** Go's {@code RFC3339}: whole seconds, {@code 2019-11-29T10:20:30Z}. */
    public static String rfc3339(Instant time) {
        return NANO.format(time.truncatedTo(ChronoUnit.SECONDS));
    }
}
