package io.skygear.core.internal.migrate;

import io.skygear.core.migrate.MigrationException;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The apps of a config database (the gateway's {@code app_config} schema) with the database each one
 * lives in: {@code app JOIN config ON app.config_id = config.id}, URL and schema from
 * {@code config -> 'app_config' ->> 'database_url' / 'database_schema'}.
 */
public final class TenantApps {

    /** One app; url and schema are null when its config lacks them. */
    public record TenantApp(String name, String databaseUrl, String schema) {
    }

    private TenantApps() {
    }

    /**
     * Apps sorted by name, optionally only those whose column {@code filterColumn} (any column of
     * {@code app}, checked against the catalog) equals {@code filterValue} as text.
     */
    public static List<TenantApp> read(DSLContext dsl, String configSchema, String filterColumn, String filterValue) {
        Table<?> app = DSL.table(DSL.name(configSchema, "app")).as("app");
        Table<?> config = DSL.table(DSL.name(configSchema, "config")).as("config");
        Field<JSONB> json = DSL.field(DSL.name("config", "config"), SQLDataType.JSONB);
        Field<JSONB> appConfig = DSL.jsonbGetAttribute(json, "app_config");
        Condition filter = DSL.noCondition();
        try {
            if (filterColumn != null) {
                List<String> columns = dsl.select(DSL.field(DSL.name("column_name"), String.class))
                        .from(DSL.table(DSL.name("information_schema", "columns")))
                        .where(DSL.field(DSL.name("table_schema")).eq(configSchema))
                        .and(DSL.field(DSL.name("table_name")).eq("app"))
                        .orderBy(DSL.field(DSL.name("ordinal_position")))
                        .fetch(0, String.class);
                if (!columns.contains(filterColumn)) {
                    throw new MigrationException("invalid app filter column: " + filterColumn
                            + " (columns of " + configSchema + ".app: " + String.join(", ", columns) + ")");
                }
                filter = DSL.field(DSL.name("app", filterColumn)).cast(SQLDataType.VARCHAR).eq(filterValue);
            }
            return dsl.select(DSL.field(DSL.name("app", "name"), String.class),
                            DSL.jsonbGetAttributeAsText(appConfig, "database_url"),
                            DSL.jsonbGetAttributeAsText(appConfig, "database_schema"))
                    .from(app)
                    .join(config).on(DSL.field(DSL.name("app", "config_id")).eq(DSL.field(DSL.name("config", "id"))))
                    .where(filter)
                    .orderBy(DSL.field(DSL.name("app", "name")))
                    .fetch(r -> new TenantApp(r.value1(), blankToNull(r.value2()), blankToNull(r.value3())));
        } catch (DataAccessException e) {
            throw new MigrationException("cannot read apps from the config database (schema " + configSchema + "): "
                    + e.getMessage(), null, e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
