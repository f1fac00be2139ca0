package io.skygear.gateway.internal.resolve;

import io.skygear.core.db.Database;
import org.jooq.impl.DSL;

/**
 * The app_config tables of one config database, schema-qualified and quoted by jOOQ once, so that SQL
 * text never depends on a connection's search_path. Values always go in as bind values.
 */
public record ConfigTables(String plan, String planGear, String config, String app, String appGearVersion,
                           String domain, String route, String hook) {

    public static ConfigTables of(Database database) {
        String schema = database.schema();
        return new ConfigTables(name(database, schema, "plan"), name(database, schema, "plan_gear"),
                name(database, schema, "config"), name(database, schema, "app"),
                name(database, schema, "app_gear_version"), name(database, schema, "domain"),
                name(database, schema, "deployment_route"), name(database, schema, "deployment_hook"));
    }

    private static String name(Database database, String schema, String table) {
        return database.dsl().render(DSL.name(schema, table));
    }

    /** {@code sql} with {@code {plan}}, {@code {app}}… replaced by the qualified names. */
    public String sql(String sql) {
        return sql.replace("{plan}", plan).replace("{plan_gear}", planGear).replace("{config}", config)
                .replace("{app}", app).replace("{app_gear_version}", appGearVersion).replace("{domain}", domain)
                .replace("{deployment_route}", route).replace("{deployment_hook}", hook);
    }
}
