package io.skygear.migrate;

/** A command line that cannot run as given: exit code 2, the message on stderr. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}
