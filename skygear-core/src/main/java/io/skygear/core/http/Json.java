package io.skygear.core.http;

import io.skygear.core.internal.http.WireJson;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shared Jackson 3 mapper of the wire format: snake_case record components, map keys sorted
 * (as the original's Go encoder did), strict reading (duplicate keys, trailing tokens and documents
 * nested deeper than 100 levels are rejected; floats read as {@code BigDecimal}).
 */
public final class Json {

    private Json() {}

    /** The one configured mapper; immutable and thread-safe. */
    public static JsonMapper mapper() {
        return WireJson.MAPPER;
    }
}
