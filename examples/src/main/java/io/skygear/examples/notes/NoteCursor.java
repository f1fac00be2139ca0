package io.skygear.examples.notes;

import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a page of the newest-first list ended: the last note's {@code (created_at, id)}. Keyset paging
 * stays correct while notes are added or deleted between pages. On the wire it is opaque:
 * base64url of {@code <epoch microseconds>:<id>}.
 */
record NoteCursor(Instant createdAt, UUID id) {

    static NoteCursor after(Note note) {
        return new NoteCursor(note.createdAt(), note.id());
    }

    String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + ":" + id).getBytes(StandardCharsets.US_ASCII));
    }

    /** @throws SkygearException 400 {@code BadRequest} "invalid cursor" for anything {@link #encode} did not write */
    static NoteCursor decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            int colon = text.indexOf(':');
            UUID id = UUID.fromString(text.substring(colon + 1));
            long micros = Long.parseLong(text.substring(0, colon));
            NoteCursor decoded = new NoteCursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), id);
            if (decoded.encode().equals(cursor)) {
                return decoded;
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException | ArithmeticException
                 | DateTimeException e) {
            // answered below like any other cursor we did not issue
        }
        throw SkygearException.of(ErrorName.BAD_REQUEST, "invalid cursor");
    }
}
