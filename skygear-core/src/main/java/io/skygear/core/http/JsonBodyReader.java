package io.skygear.core.http;

import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import io.skygear.core.error.ValidationCause;
import io.skygear.core.internal.http.BodyBytes;
import io.skygear.core.internal.http.JsonContentType;
import io.skygear.core.internal.http.RecordBinder;
import io.skygear.core.internal.http.WireJson;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads JSON request bodies strictly, the way every Skygear endpoint expects them.
 *
 * <ul>
 *   <li>{@code Content-Type} must be {@code application/json}, optionally with {@code charset=utf-8};
 *       else 400 {@code BadRequest} "request content type is invalid".</li>
 *   <li>At most {@link #maxBytes()} bytes (10 MiB by default), counted while reading; more is 400
 *       {@code BadRequest}.</li>
 *   <li>Malformed JSON, invalid UTF-8, duplicate keys, trailing data, nesting deeper than 100 or
 *       numbers longer than {@value #MAX_NUMBER_DIGITS} digits, as written or written out
 *       ({@code 1e1001}, which PostgreSQL could not store either): 400 {@code BadRequest}
 *       "invalid request body".</li>
 * </ul>
 *
 * <p>{@link #read} then binds the body to a record (see {@link #bind}). Endpoints with rules a record
 * cannot express use {@link #readTree} and validate the tree themselves.
 */
public final class JsonBodyReader {

    /**
     * Most digits of a number on either side of the decimal point, written out. The original read
     * numbers as float64 (about 1.8e308 at most); PostgreSQL's jsonb stores up to 131072 digits.
     */
    public static final int MAX_NUMBER_DIGITS = 1000;

    /** The original's limit: 10 MiB. */
    public static final int DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

    private static final JsonBodyReader STANDARD = new JsonBodyReader(DEFAULT_MAX_BYTES);

    private final int maxBytes;

    private JsonBodyReader(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** A reader with the 10 MiB limit. */
    public static JsonBodyReader standard() {
        return STANDARD;
    }

    /** A reader with another body limit, between 1 byte and 1 GiB. */
    public static JsonBodyReader withMaxBytes(int maxBytes) {
        if (maxBytes < 1 || maxBytes > 1 << 30) {
            throw new IllegalArgumentException("maxBytes must be between 1 and 1073741824, got " + maxBytes);
        }
        return new JsonBodyReader(maxBytes);
    }

    public int maxBytes() {
        return maxBytes;
    }

    /**
     * The body as a JSON tree (any JSON value).
     *
     * @throws SkygearException 400 {@code BadRequest} as listed on the class
     */
    public JsonNode readTree(HttpServletRequest request) {
        if (!JsonContentType.isAccepted(request.getContentType())) {
            throw SkygearException.of(ErrorName.BAD_REQUEST, "request content type is invalid");
        }
        byte[] body = BodyBytes.read(request, maxBytes);
        try {
            JsonNode tree = WireJson.MAPPER.readTree(decodeUtf8(body));
            if (tree == null || tree.isMissingNode() || !numbersFit(tree)) {
                throw invalidBody(null);
            }
            return tree;
        } catch (JacksonException | CharacterCodingException | NumberFormatException e) {
            // Jackson throws a plain NumberFormatException for exponents BigDecimal cannot hold (1e-2147483649)
            throw invalidBody(e);
        }
    }

    /**
     * The body bound to {@code type}; see {@link #bind}.
     *
     * @throws SkygearException 400 {@code BadRequest} as listed on the class, or 400
     *                          {@code Invalid/ValidationFailed} with every cause
     */
    public <T extends Record> T read(HttpServletRequest request, Class<T> type) {
        return bind(readTree(request), type);
    }

    /**
     * Binds a JSON object to a record without coercion.
     *
     * <ul>
     *   <li>Component {@code loginIdKey} is property {@code login_id_key}; {@code @JsonProperty("x")} on
     *       the component overrides the name.</li>
     *   <li>A component is required unless its type is {@code java.util.Optional<…>}; absent gives
     *       {@code Optional.empty()}. JSON {@code null} is a value of type null, never "absent".</li>
     *   <li>Types: {@code String}; {@code boolean}; {@code int}/{@code long} (whole numbers in range,
     *       {@code 1.0} counts, {@code "1"} and {@code 1.5} do not); {@code double}; {@code BigDecimal};
     *       {@code List<…>}; {@code Map<String, …>}; nested records; {@code JsonNode} (any value),
     *       {@code ObjectNode}, {@code ArrayNode}. Collections are unmodifiable.</li>
     * </ul>
     *
     * Causes, all reported at once in {@code info.causes} sorted by pointer then kind: {@code Type}
     * ({@code details.expected}), {@code Required} ("x is required", pointer at the missing property),
     * {@code ExtraEntry} ("Additional property x is not allowed"), {@code NumberRange} (out of range
     * for {@code int}/{@code long}/{@code double}). A record's constructor may throw a
     * {@link SkygearException} of its own for rules beyond these.
     *
     * @throws SkygearException 400 {@code Invalid/ValidationFailed} "invalid request body"
     * @throws IllegalArgumentException if {@code type} uses an unsupported component type
     */
    public static <T extends Record> T bind(JsonNode node, Class<T> type) {
        List<ValidationCause> causes = new ArrayList<>();
        Object value = RecordBinder.of(type).bind(node, "", causes);
        if (value == null) {
            throw SkygearException.validationFailed("invalid request body", causes);
        }
        return type.cast(value);
    }

    /**
     * Whether {@code number} has at most {@link #MAX_NUMBER_DIGITS} digits before and after the decimal
     * point when written out; computed from precision and scale, never by expanding {@code 1e999999999}.
     */
    public static boolean fitsDigitLimit(BigDecimal number) {
        return number.precision() - (long) number.scale() <= MAX_NUMBER_DIGITS && number.scale() <= MAX_NUMBER_DIGITS;
    }

    /** Integers are bounded by the parser's length limit; decimals may hide their size in an exponent. */
    private static boolean numbersFit(JsonNode node) {
        if (node.isBigDecimal()) {
            return fitsDigitLimit(node.decimalValue());
        }
        for (JsonNode child : node) {
            if (!numbersFit(child)) {
                return false;
            }
        }
        return true;
    }

    private static String decodeUtf8(byte[] body) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(body))
                .toString();
    }

    private static SkygearException invalidBody(Exception cause) {
        return new SkygearException(ErrorName.BAD_REQUEST, ErrorName.BAD_REQUEST.wireName(),
                "invalid request body", null, cause);
    }
}
