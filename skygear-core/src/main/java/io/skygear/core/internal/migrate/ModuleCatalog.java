package io.skygear.core.internal.migrate;

import io.skygear.core.migrate.MigrationException;
import io.skygear.core.migrate.MigrationModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Finds the migration modules on the classpath ({@code META-INF/skygear/migrations/*.properties}). Jars
 * must contain directory entries (the Maven and Gradle default), as Flyway's own script scanning needs.
 */
public final class ModuleCatalog {

    static final String FOLDER = "META-INF/skygear/migrations";
    private static final String NAME = "[a-z][a-z0-9_]{0,62}";
    private static final String SQL_NAME = "[a-z_][a-z0-9_]{0,62}";

    private ModuleCatalog() {
    }

    /** {@code chosen}, else the thread's context class loader, else the one that loaded us. */
    public static ClassLoader loader(ClassLoader chosen) {
        if (chosen != null) {
            return chosen;
        }
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : ModuleCatalog.class.getClassLoader();
    }

    /** Every module found, sorted by order then name. */
    public static List<MigrationModule> load(ClassLoader loader) {
        Map<String, URL> descriptors = ClasspathDirectory.list(loader, FOLDER, ".properties");
        Map<String, MigrationModule> modules = new LinkedHashMap<>();
        for (Map.Entry<String, URL> descriptor : descriptors.entrySet()) {
            MigrationModule module = read(descriptor.getKey(), descriptor.getValue());
            modules.put(module.name(), module);
        }
        List<MigrationModule> sorted = new ArrayList<>(modules.values());
        sorted.sort(Comparator.comparingInt(MigrationModule::order).thenComparing(MigrationModule::name));
        return List.copyOf(sorted);
    }

    private static MigrationModule read(String fileName, URL url) {
        Properties p = new Properties();
        try (InputStream in = url.openStream()) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new MigrationException("cannot read " + url + ": " + e.getMessage(), null, e);
        }
        String expected = fileName.substring(0, fileName.length() - ".properties".length());
        String name = required(p, "module", url);
        if (!name.equals(expected) || !name.matches(NAME)) {
            throw new MigrationException(url + ": module must be a lower-case name equal to the file name ("
                    + expected + "), got " + name, null, null);
        }
        int order;
        try {
            order = Integer.parseInt(required(p, "order", url));
        } catch (NumberFormatException e) {
            throw new MigrationException(url + ": order must be an integer", name, e);
        }
        String history = required(p, "history_table", url);
        String schema = p.getProperty("default_schema", "").strip();
        String location = required(p, "location", url).replaceAll("^/+|/+$", "");
        if (!history.matches(SQL_NAME) || !(schema.isEmpty() || schema.matches(SQL_NAME))) {
            throw new MigrationException(url + ": history_table and default_schema must be lower-case SQL names", name, null);
        }
        return new MigrationModule(name, order, history, schema, location);
    }

    private static String required(Properties p, String key, URL url) {
        String value = p.getProperty(key, "").strip();
        if (value.isEmpty()) {
            throw new MigrationException(url + ": missing " + key, null, null);
        }
        return value;
    }
}
