package io.skygear.auth.internal.store;

import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Columns of tables that jOOQ knows only by name (no generated classes): {@code of(u, ID)} is
 * {@code "u"."id"} for a table aliased {@code u}, for joins where the unqualified name is ambiguous.
 */
public final class Columns {

    private Columns() {
    }

    public static <T> Field<T> of(Table<?> table, Field<T> column) {
        return DSL.field(table.getQualifiedName().append(column.getUnqualifiedName()), column.getDataType());
    }
}
