package io.skygear.core.migrate;

/**
 * A migration that could not run, with the original's message where it had one ({@code no migration},
 * {@code invalid step}, {@code undefined command}, {@code limit N short},
 * {@code Dirty database version V. Fix and force version.}, {@code unknown migration: X}, …).
 * Nothing of the failing module's run was committed.
 */
public class MigrationException extends RuntimeException {

    private final String module;

    public MigrationException(String message, String module, Throwable cause) {
        super(message, cause);
        this.module = module;
    }

    public MigrationException(String message) {
        this(message, null, null);
    }

    /** The module that failed, or null when the error is not about one module. */
    public String module() {
        return module;
    }
}
