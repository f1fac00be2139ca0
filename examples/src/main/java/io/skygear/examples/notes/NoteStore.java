package io.skygear.examples.notes;

import io.skygear.core.db.Database;
import io.skygear.core.db.TenantScope;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The {@code note} table of one app, always through {@link TenantScope} (every statement carries
 * {@code app_id}) and always for one owner: another user's note is simply not found.
 */
final class NoteStore {

    static final String TABLE = "note";
    static final Field<UUID> ID = DSL.field(DSL.name("id"), SQLDataType.UUID);
    static final Field<String> OWNER_ID = DSL.field(DSL.name("owner_id"), SQLDataType.CLOB);
    static final Field<String> TITLE = DSL.field(DSL.name("title"), SQLDataType.CLOB);
    static final Field<String> BODY = DSL.field(DSL.name("body"), SQLDataType.CLOB);
    static final Field<String> ATTACHMENT = DSL.field(DSL.name("attachment"), SQLDataType.CLOB);
    static final Field<OffsetDateTime> CREATED_AT = DSL.field(DSL.name("created_at"), SQLDataType.TIMESTAMPWITHTIMEZONE);
    static final Field<OffsetDateTime> UPDATED_AT = DSL.field(DSL.name("updated_at"), SQLDataType.TIMESTAMPWITHTIMEZONE);
    /** What a note is made of; named in RETURNING, since jOOQ knows no columns of a table named in SQL. */
    static final List<Field<?>> NOTE = List.of(ID, TITLE, BODY, ATTACHMENT, CREATED_AT, UPDATED_AT);

    private final TenantScope app;

    NoteStore(Database database, String appId) {
        this.app = database.tenant(appId);
    }

    Note create(String owner, NoteInput input, Instant now) {
        return row(app.insertInto(TABLE)
                .set(ID, UUID.randomUUID())
                .set(OWNER_ID, owner)
                .set(TITLE, input.title())
                .set(BODY, input.body())
                .set(ATTACHMENT, input.attachment().orElse(null))
                .set(CREATED_AT, utc(now))
                .set(UPDATED_AT, utc(now))
                .returning(NOTE)
                .fetchOne());
    }

    Optional<Note> find(String owner, UUID id) {
        return app.selectFrom(TABLE, ID.eq(id), OWNER_ID.eq(owner)).fetchOptional().map(NoteStore::row);
    }

    /** Newest first; {@code after} continues where a previous page ended. */
    NotePage page(String owner, Optional<NoteCursor> after, int limit) {
        Condition continuing = after
                .map(c -> DSL.row(CREATED_AT, ID).lt(utc(c.createdAt()), c.id()))
                .orElse(DSL.noCondition());
        // one row more than asked tells whether there is a next page
        List<Note> rows = app.selectFrom(TABLE, OWNER_ID.eq(owner), continuing)
                .orderBy(CREATED_AT.desc(), ID.desc())
                .limit(limit + 1)
                .fetch(NoteStore::row);
        if (rows.size() <= limit) {
            return new NotePage(rows, Optional.empty());
        }
        List<Note> notes = rows.subList(0, limit);
        return new NotePage(List.copyOf(notes), Optional.of(NoteCursor.after(notes.getLast()).encode()));
    }

    /** Replaces title, body and attachment; empty when the owner has no such note. */
    Optional<Note> replace(String owner, UUID id, NoteInput input, Instant now) {
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        values.put(TITLE, input.title());
        values.put(BODY, input.body());
        values.put(ATTACHMENT, input.attachment().orElse(null));
        values.put(UPDATED_AT, utc(now));
        return app.update(TABLE, values, ID.eq(id), OWNER_ID.eq(owner)).returning(NOTE).fetchOptional()
                .map(NoteStore::row);
    }

    /** Whether the owner had such a note. */
    boolean delete(String owner, UUID id) {
        return app.deleteFrom(TABLE, ID.eq(id), OWNER_ID.eq(owner)).execute() == 1;
    }

    private static Note row(Record r) {
        // a plain-SQL table's records hold what the driver returned: convert by name
        return new Note(r.get(ID.getName(), UUID.class), r.get(TITLE.getName(), String.class),
                r.get(BODY.getName(), String.class),
                Optional.ofNullable(r.get(ATTACHMENT.getName(), String.class)).map(Attachment::of),
                r.get(CREATED_AT.getName(), OffsetDateTime.class).toInstant(),
                r.get(UPDATED_AT.getName(), OffsetDateTime.class).toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
