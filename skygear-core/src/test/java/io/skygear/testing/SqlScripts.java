package io.skygear.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** Runs SQL files from the classpath the way a migration engine does: the whole file in one execute. */
public final class SqlScripts {

    private SqlScripts() {
    }

    /**
     * Executes every statement of the classpath resource {@code resourcePath} (no leading slash) on
     * {@code connection}, inside whatever transaction the connection is in.
     */
    public static void run(Connection connection, String resourcePath) {
        String sql = read(resourcePath);
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + resourcePath + ": " + e.getMessage(), e);
        }
    }

    /** The UTF-8 text of a classpath resource; fails with the path when it is missing. */
    public static String read(String resourcePath) {
        try (InputStream in = SqlScripts.class.getClassLoader().getResourceAsStream(resourcePath)) {
            if (in == null) {
                throw new IllegalArgumentException("no classpath resource " + resourcePath);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resourcePath, e);
        }
    }

    /** A classpath {@code .properties} resource, e.g. a migration module's descriptor. */
    public static Properties readProperties(String resourcePath) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(read(resourcePath)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + resourcePath, e);
        }
        return properties;
    }
}
