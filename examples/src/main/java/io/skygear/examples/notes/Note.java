package io.skygear.examples.notes;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A note as stored and as the API returns it ({@code created_at}, {@code updated_at} in ISO-8601 UTC). */
record Note(UUID id, String title, String body, Optional<Attachment> attachment, Instant createdAt,
        Instant updatedAt) {
}
