package io.skygear.core.internal.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.skygear.core.error.SkygearException;
import java.util.Map;

/** The two response shapes: {@code {"result":…}} and {@code {"error":{name,reason,message,code,info?}}}. */
public final class Envelope {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Result(Object result) {}

    record Failure(Body error) {}

    record Body(String name, String reason, String message, int code,
                @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> info) {}

    private Envelope() {}

    /** The body bytes of a success response, newline-terminated; {@code null} gives {@code {}}. */
    public static byte[] result(Object result) {
        return withNewline(WireJson.MAPPER.writeValueAsBytes(new Result(result)));
    }

    /** The body bytes of an error response, newline-terminated. */
    public static byte[] error(SkygearException e) {
        Body body = new Body(e.name().wireName(), e.reason(), e.getMessage(), e.status(), e.info());
        return withNewline(WireJson.MAPPER.writeValueAsBytes(new Failure(body)));
    }

    private static byte[] withNewline(byte[] json) {
        byte[] out = java.util.Arrays.copyOf(json, json.length + 1);
        out[json.length] = '\n';
        return out;
    }
}
