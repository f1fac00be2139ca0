package io.skygear.core.internal.migrate.http;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The body of a {@code /migrate} request, checked field by field. JSON {@code null} counts as absent
 * (as in the original's Go decoding); unknown fields are refused, so a typo such as {@code dryrun}
 * cannot turn a dry run into a real one.
 *
 * @param migration      the module, {@code ""} when absent (answered as {@code unknown migration: })
 * @param schema         target schema, or null
 * @param database       database URL, or null for the servlet's default database
 * @param dryRun         execute and roll back
 * @param command        {@code version}, {@code up}, {@code down} or {@code force}, or null
 * @param commandArg     the command's argument (an integer is taken as its decimal text), or null
 * @param configDatabase config database URL: runs for every app listed there; null for one database
 * @param appFilterKey   column of {@code app_config.app} to filter on, or null
 * @param appFilterValue the value it must have, or null
 * @param hostnameOverride host replacing the host of every app's database URL, or null
 */
public record MigrationRequest(String migration, String schema, String database, boolean dryRun, String command,
        String commandArg, String configDatabase, String appFilterKey, String appFilterValue,
        String hostnameOverride) {

    private static final List<String> FIELDS = List.of("migration", "schema", "database", "dry_run", "command",
            "command_arg", "config_database", "app_filter_key", "app_filter_value", "hostname_override");

    /** True when the request runs over the apps of a config database. */
    public boolean multiTenant() {
        return configDatabase != null;
    }

    /**
     * Reads and checks {@code body}.
     *
     * @throws IllegalArgumentException with a message for the client, e.g. {@code dry_run must be a boolean}
     */
    public static MigrationRequest from(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("invalid request body: expected a JSON object");
        }
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (!FIELDS.contains(field.getKey())) {
                throw new IllegalArgumentException("unknown field: " + field.getKey()
                        + " (expected " + String.join(", ", FIELDS) + ")");
            }
        }
        MigrationRequest request = new MigrationRequest(
                text(body, "migration") == null ? "" : text(body, "migration"),
                text(body, "schema"),
                text(body, "database"),
                flag(body, "dry_run"),
                text(body, "command"),
                commandArg(body),
                text(body, "config_database"),
                text(body, "app_filter_key"),
                text(body, "app_filter_value"),
                text(body, "hostname_override"));
        request.checkCombination();
        return request;
    }

    private void checkCombination() {
        if (multiTenant()) {
            if (database != null || schema != null) {
                throw new IllegalArgumentException(
                        "database and schema do not apply with config_database (each app's config names its own)");
            }
            if ((appFilterKey == null) != (appFilterValue == null)) {
                throw new IllegalArgumentException("app_filter_key and app_filter_value go together");
            }
        } else if (appFilterKey != null || appFilterValue != null || hostnameOverride != null) {
            throw new IllegalArgumentException(
                    "app_filter_key, app_filter_value and hostname_override apply only with config_database");
        }
    }

    private static JsonNode value(JsonNode body, String name) {
        JsonNode node = body.get(name);
        return node == null || node.isNull() ? null : node;
    }

    private static String text(JsonNode body, String name) {
        JsonNode node = value(body, name);
        if (node == null) {
            return null;
        }
        if (!node.isString()) {
            throw new IllegalArgumentException(name + " must be a string");
        }
        return node.stringValue();
    }

    private static boolean flag(JsonNode body, String name) {
        JsonNode node = value(body, name);
        if (node == null) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new IllegalArgumentException(name + " must be a boolean");
        }
        return node.booleanValue();
    }

    private static String commandArg(JsonNode body) {
        JsonNode node = value(body, "command_arg");
        if (node == null) {
            return null;
        }
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        throw new IllegalArgumentException("command_arg must be a string or an integer");
    }
}
