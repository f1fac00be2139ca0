package io.skygear.core.internal.config;

import io.skygear.core.error.ValidationCause;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Everything noticed while reading one configuration: causes, substituted values and the objects read. */
final class Diagnostics {

    private final boolean lenientScalars;
    private final List<ValidationCause> causes = new ArrayList<>();
    private final Set<String> substituted = new HashSet<>();
    private final List<ConfigObject> objects = new ArrayList<>();

    /**
     * @param lenientScalars accept integers and booleans where strings belong ({@code version: 1}),
     *                       as the original's YAML decoder did. The YAML tree keeps no raw text, so
     *                       {@code 0123} reads as {@code "123"}; floats are refused rather than reformatted.
     */
    Diagnostics(boolean lenientScalars) {
        this.lenientScalars = lenientScalars;
    }

    boolean lenientScalars() {
        return lenientScalars;
    }

    void add(ValidationCause cause) {
        causes.add(cause);
    }

    List<ValidationCause> causes() {
        return List.copyOf(causes);
    }

    /** Records that the string at this pointer came from the environment. */
    void substituted(String pointer) {
        substituted.add(pointer);
    }

    /** Environment values are text; they may stand for numbers and booleans too. */
    boolean isSubstituted(String pointer) {
        return substituted.contains(pointer);
    }

    void track(ConfigObject object) {
        objects.add(object);
    }

    /** Pointers of keys present in the input that no reader asked for, in input order. */
    List<String> unknownKeys() {
        return objects.stream().flatMap(o -> o.unreadKeys().stream()).toList();
    }
}
