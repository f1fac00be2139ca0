package io.skygear.examples.notes;

import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.core.db.Database;
import io.skygear.core.migrate.Migrations;
import io.skygear.testing.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code note} table below the HTTP API: what the single-tenant example app cannot reach over HTTP
 * (two tenants in one database, notes created in the same microsecond).
 */
class NoteStoreTest {

    private static Database db;

    @BeforeAll
    static void migrate() {
        db = Database.builder().jdbcUrl(TestDatabase.create().jdbcUrl()).username("postgres").schema("app")
                .maximumPoolSize(2).minimumIdle(0).build();
        Migrations.configure().database(db).modules("notes").load().up();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void tenantsSharingOneDatabaseNeverSeeEachOthersNotes() {
        NoteStore a = new NoteStore(db, "tenant-a");
        NoteStore b = new NoteStore(db, "tenant-b");
        // the same user id in two apps is two different users
        Note note = a.create("same-user", input("a's note"), Instant.now());

        assertThat(b.find("same-user", note.id())).isEmpty();
        assertThat(b.page("same-user", Optional.empty(), 10).notes()).isEmpty();
        assertThat(b.replace("same-user", note.id(), input("taken"), Instant.now())).isEmpty();
        assertThat(b.delete("same-user", note.id())).isFalse();
        assertThat(a.find("same-user", note.id())).contains(note);
    }

    @Test
    void notesOfOneInstantArePagedByIdWithoutGapsOrRepeats() {
        NoteStore store = new NoteStore(db, "tenant-paging");
        Instant now = Instant.parse("2026-01-01T00:00:00.123456Z");
        List<Note> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(store.create("writer", input("n" + i), now));
        }
        List<Note> seen = new ArrayList<>();
        Optional<NoteCursor> cursor = Optional.empty();
        do {
            NotePage page = store.page("writer", cursor, 3);
            seen.addAll(page.notes());
            cursor = page.nextCursor().map(NoteCursor::decode);
        } while (cursor.isPresent());
        assertThat(seen).containsExactlyInAnyOrderElementsOf(created).hasSize(7);
        assertThat(seen).allSatisfy(n -> assertThat(n.createdAt()).isEqualTo(now));
    }

    private static NoteInput input(String title) {
        return new NoteInput(title, "", Optional.empty());
    }
}
