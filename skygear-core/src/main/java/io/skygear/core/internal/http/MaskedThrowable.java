package io.skygear.core.internal.http;

import io.skygear.core.http.SecretMasker;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A loggable copy of a throwable whose messages went through a {@link SecretMasker}: same stack
 * traces, causes and suppressed exceptions, message {@code "<original class>: <masked message>"}.
 * Appenders print it like the original, minus the secrets.
 */
public final class MaskedThrowable extends RuntimeException {

    private MaskedThrowable(String message) {
        super(message);
    }

    public static Throwable of(Throwable original, SecretMasker masker) {
        return copy(original, masker, new IdentityHashMap<>());
    }

    private static Throwable copy(Throwable original, SecretMasker masker, Map<Throwable, Throwable> done) {
        Throwable existing = done.get(original);
        if (existing != null) {
            return existing; // cause cycles
        }
        String message = original.getMessage();
        MaskedThrowable copy = new MaskedThrowable(original.getClass().getName()
                + (message == null ? "" : ": " + masker.mask(message)));
        done.put(original, copy);
        copy.setStackTrace(original.getStackTrace());
        if (original.getCause() != null) {
            copy.initCause(copy(original.getCause(), masker, done));
        }
        for (Throwable suppressed : original.getSuppressed()) {
            copy.addSuppressed(copy(suppressed, masker, done));
        }
        return copy;
    }

    /** Prints as the original would have, without this wrapper's class name. */
    @Override
    public String toString() {
        return getMessage();
    }
}
