package io.skygear.examples.multitenant;

import io.skygear.examples.CommandLine;
import java.nio.file.Path;

/**
 * Command-line options of {@link MultiTenantApp}: {@code [--port N] [--data-dir DIR]}.
 *
 * @param port    HTTP port; 0 picks a free one. Each app answers on {@code <app>.localhost} and
 *                {@code <app>.localhost:<port>}
 * @param dataDir where the embedded PostgreSQL (config and tenant schemas) and the asset files live
 */
public record MultiTenantOptions(int port, Path dataDir) {

    public static final int DEFAULT_PORT = 8080;

    public MultiTenantOptions {
        CommandLine.checkPort(port);
        if (dataDir == null) {
            throw new IllegalArgumentException("--data-dir must not be empty");
        }
    }

    public static MultiTenantOptions parse(String... args) {
        int port = DEFAULT_PORT;
        Path dataDir = Path.of(".demo-multitenant");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--port" -> port = CommandLine.port(CommandLine.value(args, ++i, arg));
                case "--data-dir" -> dataDir = Path.of(CommandLine.value(args, ++i, arg));
                default -> throw new IllegalArgumentException(
                        "unknown argument: " + arg + " (usage: [--port N] [--data-dir DIR])");
            }
        }
        return new MultiTenantOptions(port, dataDir.toAbsolutePath());
    }
}
