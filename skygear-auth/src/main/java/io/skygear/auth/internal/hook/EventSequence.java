package io.skygear.auth.internal.hook;

import io.skygear.core.db.Database;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** Event {@code seq} numbers: the database sequence {@code _auth_event_sequence} (one for all apps). */
final class EventSequence {

    static final String NAME = "_auth_event_sequence";

    private EventSequence() {
    }

    static long next(Database db, DSLContext trx) {
        return trx.nextval(DSL.sequence(DSL.name(db.schema(), NAME), SQLDataType.BIGINT));
    }
}
