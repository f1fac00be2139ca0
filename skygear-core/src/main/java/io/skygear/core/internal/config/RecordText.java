package io.skygear.core.internal.config;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Set;
import java.util.StringJoiner;

/** {@code toString()} for configuration records that hold secrets: secret components print as {@code ********}. */
public final class RecordText {

    private RecordText() {
    }

    public static String redacted(Record record, String... secretComponents) {
        Set<String> secrets = Set.of(secretComponents);
        StringJoiner text = new StringJoiner(", ", record.getClass().getSimpleName() + "[", "]");
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            Object value = read(record, component);
            boolean hide = secrets.contains(component.getName()) && value instanceof String s && !s.isEmpty();
            text.add(component.getName() + "=" + (hide ? "********" : value));
        }
        return text.toString();
    }

    static Object read(Record record, RecordComponent component) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }
}
