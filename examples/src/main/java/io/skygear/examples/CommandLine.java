package io.skygear.examples;

import java.util.function.Function;

/** The little command-line parsing the example apps share: flag values and the port. */
public final class CommandLine {

    private CommandLine() {}

    /** Parses {@code args}, or prints the error and exits with status 2 (a usage error). */
    public static <T> T parseOrExit(String[] args, Function<String[], T> parse) {
        try {
            return parse.apply(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            throw e;
        }
    }

    /** The value after {@code flag} at {@code index}; an error naming the flag when it is missing. */
    public static String value(String[] args, int index, String flag) {
        if (index >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[index];
    }

    /** {@code --port}'s value: a number from 0 (any free port) to 65535. */
    public static int port(String value) {
        try {
            return checkPort(Integer.parseInt(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number, got " + value);
        }
    }

    /** Refuses a port outside 0 to 65535. */
    public static int checkPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be 0 to 65535, got " + port);
        }
        return port;
    }
}
