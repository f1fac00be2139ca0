package io.skygear.auth.hook;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Unmodifiable copies of JSON objects; unlike {@code Map.copyOf}, JSON {@code null} values are kept. */
final class JsonMaps {

    private JsonMaps() {
    }

    static Map<String, Object> copy(Map<String, ?> map) {
        Objects.requireNonNull(map, "map");
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
