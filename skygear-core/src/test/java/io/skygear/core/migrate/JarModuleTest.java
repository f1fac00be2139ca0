package io.skygear.core.migrate;

import static io.skygear.core.migrate.MigrationFixtures.tables;
import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.core.db.Database;
import io.skygear.testing.TestDatabase;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A module shipped in a jar (as the real modules are for applications) is found, migrated and undone. */
class JarModuleTest {

    private static final Map<String, String> FILES = Map.of(
            "META-INF/skygear/migrations/jarmod.properties", """
                    module=jarmod
                    order=70
                    history_table=_jarmod_version
                    default_schema=
                    location=io/skygear/migrations/jarmod
                    """,
            "io/skygear/migrations/jarmod/up/V1__create_widget.sql", "CREATE TABLE widget (id int PRIMARY KEY);",
            "io/skygear/migrations/jarmod/up/V2__create_gadget.sql", "CREATE TABLE gadget (id int PRIMARY KEY);",
            "io/skygear/migrations/jarmod/down/U1__create_widget.sql", "DROP TABLE widget;",
            "io/skygear/migrations/jarmod/down/U2__create_gadget.sql", "DROP TABLE gadget;");

    @TempDir
    static Path dir;

    private static URLClassLoader loader;
    private static Database db;

    @BeforeAll
    static void buildJar() throws IOException {
        Path jar = dir.resolve("jarmod.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String folder : new String[] {"META-INF/", "META-INF/skygear/", "META-INF/skygear/migrations/",
                    "io/", "io/skygear/", "io/skygear/migrations/", "io/skygear/migrations/jarmod/",
                    "io/skygear/migrations/jarmod/up/", "io/skygear/migrations/jarmod/down/"}) {
                out.putNextEntry(new JarEntry(folder));
                out.closeEntry();
            }
            for (Map.Entry<String, String> file : FILES.entrySet()) {
                out.putNextEntry(new JarEntry(file.getKey()));
                out.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, JarModuleTest.class.getClassLoader());
        db = Database.builder().jdbcUrl(TestDatabase.create().jdbcUrl()).username("postgres").maximumPoolSize(2).build();
    }

    @AfterAll
    static void close() throws IOException {
        db.close();
        loader.close();
    }

    @Test
    void moduleInAJarIsFoundMigratedAndUndone() {
        assertThat(Migrations.available(loader)).extracting(MigrationModule::name).containsExactly("core", "jarmod");
        Migrations migrations = Migrations.configure().database(db).schema("jarred").modules("jarmod")
                .classLoader(loader).load();

        assertThat(migrations.up().modules().getFirst().applied()).containsExactly("1", "2");
        assertThat(tables(db.dsl(), "jarred")).containsExactly("_jarmod_version", "gadget", "widget");
        assertThat(migrations.downAll().modules().getFirst().undone()).containsExactly("2", "1");
        assertThat(tables(db.dsl(), "jarred")).containsExactly("_jarmod_version");
    }
}
