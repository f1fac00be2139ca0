package io.skygear.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps the meter table of docs/operations.md honest: every {@code skygear.*} meter a test produced
 * must be named there (in backticks), so a new or renamed meter fails the build until it is documented.
 */
public final class MeterDocs {

    private static final String DOC = "docs/operations.md";

    private MeterDocs() {
    }

    /** The names of the {@code skygear.*} meters in {@code registry}, sorted. */
    public static Set<String> skygearMeterNames(MeterRegistry registry) {
        Set<String> names = new TreeSet<>();
        for (Meter meter : registry.getMeters()) {
            String name = meter.getId().getName();
            if (name.startsWith("skygear.")) {
                names.add(name);
            }
        }
        return names;
    }

    /** Fails naming every {@code skygear.*} meter of {@code registry} that docs/operations.md does not list. */
    public static void assertDocumented(MeterRegistry registry) {
        String doc = read();
        Set<String> missing = new TreeSet<>();
        for (String name : skygearMeterNames(registry)) {
            if (!doc.contains("`" + name + "`")) {
                missing.add(name);
            }
        }
        assertThat(missing).as("meters missing from the table in " + DOC).isEmpty();
    }

    private static String read() {
        // tests run in the module directory; the docs are at the repository root
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve(DOC))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(DOC + " not found above " + Path.of("").toAbsolutePath());
        }
        try {
            return Files.readString(dir.resolve(DOC));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
