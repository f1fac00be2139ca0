package io.skygear.core.internal.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.skygear.core.error.ValidationCause;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;

/**
 * Binds a JSON object to a record, strictly: every component is a property named in snake_case (or by
 * {@link JsonProperty} on the component), required unless its type is {@link Optional}; unknown
 * properties, missing ones and type mismatches each become a {@link ValidationCause}, all collected.
 * The shape of each record class is computed once.
 */
public final class RecordBinder {

    private static final ClassValue<RecordBinder> CACHE = new ClassValue<>() {
        @Override
        protected RecordBinder computeValue(Class<?> type) {
            return new RecordBinder(type);
        }
    };


    private record Property(String name, boolean optional, ValueBinder binder) {}

    private final Class<?> type;
    private final List<Property> properties;
    private final Set<String> names;
    private final Constructor<?> constructor;

    private RecordBinder(Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
        this.type = type;
        RecordComponent[] components = type.getRecordComponents();
        List<Property> props = new ArrayList<>(components.length);
        Set<String> seen = new HashSet<>();
        Class<?>[] parameterTypes = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            parameterTypes[i] = component.getType();
            Property property = property(component);
            if (!seen.add(property.name())) {
                throw new IllegalArgumentException(type.getName() + " maps two components to \"" + property.name() + "\"");
            }
            props.add(property);
        }
        this.properties = List.copyOf(props);
        this.names = Set.copyOf(seen);
        try {
            this.constructor = type.getDeclaredConstructor(parameterTypes);
            this.constructor.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("record without canonical constructor: " + type.getName(), e);
        }
    }

    public static RecordBinder of(Class<?> type) {
        return CACHE.get(type);
    }

    private static Property property(RecordComponent component) {
        JsonProperty annotation = component.getAccessor().getAnnotation(JsonProperty.class);
        String name = annotation != null && !annotation.value().isEmpty()
                ? annotation.value()
                : PropertyNamingStrategies.SNAKE_CASE.nameForField(null, null, component.getName()); // as the mapper writes
        Type type = component.getGenericType();
        if (component.getType() == Optional.class) {
            if (!(type instanceof ParameterizedType p)) {
                throw new IllegalArgumentException("raw Optional component: " + component);
            }
            return new Property(name, true, ValueBinder.of(p.getActualTypeArguments()[0]));
        }
        return new Property(name, false, ValueBinder.of(type));
    }

    /**
     * The record for {@code node}, or {@code null} after adding the causes to {@code causes}.
     * Exceptions thrown by the record's constructor propagate unchanged.
     */
    public Object bind(JsonNode node, String pointer, List<ValidationCause> causes) {
        if (!node.isObject()) {
            return ValueBinder.typeMismatch(node, "object", pointer, causes);
        }
        int before = causes.size();
        Object[] args = new Object[properties.size()];
        for (int i = 0; i < args.length; i++) {
            Property property = properties.get(i);
            JsonNode value = node.get(property.name());
            String at = ValueBinder.child(pointer, property.name());
            if (value == null) {
                if (property.optional()) {
                    args[i] = Optional.empty();
                } else {
                    causes.add(new ValidationCause("Required", at, property.name() + " is required"));
                }
                continue;
            }
            Object bound = property.binder().bind(value, at, causes);
            args[i] = property.optional() && bound != null ? Optional.of(bound) : bound;
        }
        for (String name : node.propertyNames()) {
            if (!names.contains(name)) {
                causes.add(new ValidationCause("ExtraEntry", ValueBinder.child(pointer, name),
                        "Additional property " + name + " is not allowed"));
            }
        }
        return causes.size() == before ? construct(args) : null;
    }

    private Object construct(Object[] args) {
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("cannot construct " + type.getName(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + type.getName(), e);
        }
    }
}
