package io.skygear.core.internal.http;

import io.skygear.core.error.ValidationCause;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/** The one {@link JsonMapper} of the wire format, configured once. */
public final class WireJson {

    /** Deeper request documents are rejected; real API bodies nest a handful of levels. */
    public static final int MAX_NESTING_DEPTH = 100;

    /** Bounds the tree built from one body (a 10 MiB array of tiny numbers would be millions of nodes). */
    public static final long MAX_TOKEN_COUNT = 1_000_000;

    public static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .characterEscapes(new GoJsonEscapes())
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxTokenCount(MAX_TOKEN_COUNT)
                            .build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // floats stay exact (and 1e400 stays finite) until a binder decides what fits
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // Go's encoder sorts map keys; records keep their component order
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addModule(new SimpleModule("skygear-wire").addSerializer(ValidationCause.class, new ValidationCauseSerializer()))
            .build();

    private WireJson() {}
}
