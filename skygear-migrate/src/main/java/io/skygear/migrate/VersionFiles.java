package io.skygear.migrate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code add-version}: a new pair {@code up/V<version>__<name>.sql} and {@code down/U<version>__<name>.sql}
 * from the blank templates, under {@code <resources>/io/skygear/migrations/<module>/}. Existing files
 * are never overwritten, and a version already used by any file of the module is refused.
 */
final class VersionFiles {

    /** Maven module folder of each module shipped here, for the default resources folder. */
    private static final Map<String, String> SOURCE_FOLDERS = Map.of(
            "core", "skygear-core", "auth", "skygear-auth", "gateway", "skygear-gateway", "asset", "skygear-assets");

    private VersionFiles() {
    }

    /**
     * @param dir        the resources folder, or null for {@code <sourceRoot>/<maven module>/src/main/resources}
     * @param version    the version, e.g. the current unix time in seconds
     * @return the two files created, up first
     * @throws UsageException for a bad module, name or folder
     * @throws IllegalStateException when the version exists already or a file cannot be written
     */
    static List<Path> create(String module, String name, String dir, String sourceRoot, long version) {
        if (!module.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new UsageException("invalid module: " + module + " (lower-case letters, digits and _)");
        }
        if (!name.matches("[a-z0-9]+(_[a-z0-9]+)*") || name.length() > 100) {
            throw new UsageException("invalid name: " + name
                    + " (lower-case letters and digits in words joined by single underscores, at most 100 characters, "
                    + "e.g. add_user_index)");
        }
        Path resources;
        if (dir != null) {
            resources = Path.of(dir);
        } else {
            String folder = SOURCE_FOLDERS.get(module);
            if (folder == null) {
                throw new UsageException("no source folder is known for module " + module + "; pass --dir <resources dir>");
            }
            resources = Path.of(sourceRoot, folder, "src", "main", "resources");
        }
        if (!Files.isDirectory(resources)) {
            throw new UsageException("no such directory: " + resources + " (pass --dir <resources dir>)");
        }
        Path base = resources.resolve(Path.of("io", "skygear", "migrations", module));
        Path up = base.resolve("up").resolve("V" + version + "__" + name + ".sql");
        Path down = base.resolve("down").resolve("U" + version + "__" + name + ".sql");
        try {
            Files.createDirectories(up.getParent());
            Files.createDirectories(down.getParent());
            refuseTakenVersion(up.getParent(), "V" + version + "__");
            refuseTakenVersion(down.getParent(), "U" + version + "__");
            Map<String, String> values = Map.of("module", module, "version", String.valueOf(version), "name", name);
            write(up, template("up.sql", values));
            try {
                write(down, template("down.sql", values));
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(up);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write migration files in " + base + ": " + e.getMessage(), e);
        }
        return List.of(up, down);
    }

    private static void refuseTakenVersion(Path folder, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(f -> f.getFileName().toString().startsWith(prefix)).findFirst().ifPresent(f -> {
                throw new IllegalStateException("version already used by " + f + "; not overwriting (retry in a second)");
            });
        }
    }

    private static void write(Path file, String text) throws IOException {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException(file + " exists; not overwriting");
        }
    }

    private static String template(String file, Map<String, String> values) {
        try (InputStream in = VersionFiles.class.getResourceAsStream("templates/" + file)) {
            if (in == null) {
                throw new IllegalStateException("template " + file + " is missing from the jar");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> value : values.entrySet()) {
                text = text.replace("{{" + value.getKey() + "}}", value.getValue());
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
