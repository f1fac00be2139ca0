package io.skygear.core.error;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An API error: what the client sees as {@code {"error":{name,reason,message,code,info?}}}.
 * Anything thrown that is not a {@code SkygearException} is answered as the 500
 * {@code InternalError/UnexpectedError} envelope and logged.
 */
public class SkygearException extends RuntimeException {

    private final ErrorName name;
    private final String reason;
    private final Map<String, Object> info;

    public SkygearException(ErrorName name, String reason, String message, Map<String, ?> info) {
        this(name, reason, message, info, null);
    }

    public SkygearException(ErrorName name, String reason, String message, Map<String, ?> info, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.name = Objects.requireNonNull(name, "name");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.info = info == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(info));
    }

    public SkygearException(ErrorName name, String reason, String message) {
        this(name, reason, message, Map.of());
    }

    /** A generic error whose reason equals its name, e.g. {@code BadRequest/BadRequest}. */
    public static SkygearException of(ErrorName name, String message) {
        return new SkygearException(name, name.wireName(), message);
    }

    /** 400 {@code Invalid/ValidationFailed} with {@code info.causes} sorted by pointer then kind. */
    public static SkygearException validationFailed(String message, List<ValidationCause> causes) {
        List<ValidationCause> sorted = causes.stream().sorted(ValidationCause.ORDER).toList();
        return new SkygearException(ErrorName.INVALID, "ValidationFailed", message, Map.of("causes", sorted));
    }

    public ErrorName name() {
        return name;
    }

    public String reason() {
        return reason;
    }

    public int status() {
        return name.status();
    }

    /** Extra details for the client; empty when the envelope carries no {@code info}. */
    public Map<String, Object> info() {
        return info;
    }

    /** The validation causes in {@code info.causes}, or an empty list. */
    @SuppressWarnings("unchecked")
    public List<ValidationCause> causes() {
        Object causes = info.get("causes");
        return causes instanceof List<?> list && list.stream().allMatch(ValidationCause.class::isInstance)
                ? (List<ValidationCause>) list
                : List.of();
    }
}
