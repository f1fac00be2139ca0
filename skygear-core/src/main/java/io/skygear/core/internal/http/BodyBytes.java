package io.skygear.core.internal.http;

import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;

/** Reads a request body into memory, never more than a limit (checked on the bytes, not only the header). */
public final class BodyBytes {

    private BodyBytes() {}

    /**
     * @throws SkygearException 400 {@code BadRequest} when the body is larger than {@code maxBytes}
     *                          or cannot be read
     */
    public static byte[] read(HttpServletRequest request, int maxBytes) {
        if (request.getContentLengthLong() > maxBytes) {
            throw tooLarge(maxBytes);
        }
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            // one byte more than allowed tells "exactly at the limit" from "over it"
            bytes = in.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw new SkygearException(ErrorName.BAD_REQUEST, ErrorName.BAD_REQUEST.wireName(),
                    "invalid request body", null, e);
        }
        if (bytes.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        return bytes;
    }

    private static SkygearException tooLarge(int maxBytes) {
        return SkygearException.of(ErrorName.BAD_REQUEST,
                "request body is too large (limit: " + maxBytes + " bytes)");
    }
}
