package io.skygear.core.error;

/**
 * The error names of the Skygear wire protocol and the HTTP status each one maps to.
 * Reasons are free strings chosen by each feature; names are this closed set.
 */
public enum ErrorName {
    BAD_REQUEST("BadRequest", 400),
    INVALID("Invalid", 400),
    UNAUTHORIZED("Unauthorized", 401),
    FORBIDDEN("Forbidden", 403),
    NOT_FOUND("NotFound", 404),
    ALREADY_EXISTS("AlreadyExists", 409),
    TOO_MANY_REQUEST("TooManyRequest", 429),
    INTERNAL_ERROR("InternalError", 500),
    SERVICE_UNAVAILABLE("ServiceUnavailable", 503);

    private final String wireName;
    private final int status;

    ErrorName(String wireName, int status) {
        this.wireName = wireName;
        this.status = status;
    }

    /** The name as it appears in the {@code error.name} field, e.g. {@code "BadRequest"}. */
    public String wireName() {
        return wireName;
    }

    /** The HTTP status code, also written as {@code error.code}. */
    public int status() {
        return status;
    }
}
