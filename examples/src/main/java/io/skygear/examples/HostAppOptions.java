package io.skygear.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Command-line options of {@link HostApp}: {@code [--config FILE] [--port N] [--data-dir DIR]}.
 *
 * @param config  tenant config in the original's standalone YAML/JSON format; the bundled one if empty
 * @param port    HTTP port; 0 picks a free one
 * @param dataDir where the embedded PostgreSQL and the asset files live
 */
public record HostAppOptions(Optional<Path> config, int port, Path dataDir) {

    public static final int DEFAULT_PORT = 8080;

    public HostAppOptions {
        CommandLine.checkPort(port);
        config.ifPresent(file -> {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("--config: no such file: " + file);
            }
        });
    }

    public static HostAppOptions parse(String... args) {
        Optional<Path> config = Optional.empty();
        int port = DEFAULT_PORT;
        Path dataDir = Path.of(".demo");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--config" -> config = Optional.of(Path.of(CommandLine.value(args, ++i, arg)));
                case "--port" -> port = CommandLine.port(CommandLine.value(args, ++i, arg));
                case "--data-dir" -> dataDir = Path.of(CommandLine.value(args, ++i, arg));
                default -> throw new IllegalArgumentException(
                        "unknown argument: " + arg + " (usage: [--config FILE] [--port N] [--data-dir DIR])");
            }
        }
        return new HostAppOptions(config, port, dataDir.toAbsolutePath());
    }
}
