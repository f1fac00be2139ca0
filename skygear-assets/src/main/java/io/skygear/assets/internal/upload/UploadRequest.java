package io.skygear.assets.internal.upload;

import io.skygear.assets.storage.AssetAccess;
import io.skygear.assets.storage.ObjectMetadata;
import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import io.skygear.core.error.ValidationCause;
import io.skygear.core.http.JsonBodyReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A validated upload: where the name comes from, the access and the headers the object is stored with.
 * Built from the JSON of {@code presign_upload} or the fields of {@code upload_form}, with the
 * original's rules and defaults.
 *
 * @param contentLength the declared size in bytes
 * @param metadata      access and headers, {@code content-type} and {@code cache-control} defaulted
 */
public record UploadRequest(String prefix, Optional<String> exactName, long contentLength, ObjectMetadata metadata) {

    /** The original wrote {@code max-age: 3600}, which is not valid Cache-Control; this is what it meant. */
    public static final String DEFAULT_CACHE_CONTROL = "max-age=3600";

    /**
     * Binds and checks a request body.
     *
     * @param message the validation message ({@code invalid request body}, or {@code invalid pre-signed
     *                request} for upload forms)
     * @throws SkygearException 400 {@code Invalid/ValidationFailed} with every cause, or
     *                          {@code BadRequest/AssetTooLarge}, or {@code BadRequest} "invalid content-type"
     */
    public static UploadRequest parse(JsonNode body, long maxBytes, String message) {
        PresignBody bound;
        try {
            bound = JsonBodyReader.bind(body, PresignBody.class);
        } catch (SkygearException e) {
            throw e.causes().isEmpty() ? e : SkygearException.validationFailed(message, e.causes());
        }
        List<ValidationCause> causes = new ArrayList<>();
        String prefix = bound.prefix().orElse("");
        if (!AssetNames.isValidPrefix(prefix)) {
            causes.add(pattern("/prefix", AssetNames.PREFIX_PATTERN));
        } else if (prefix.length() > AssetNames.MAX_PREFIX_LENGTH) {
            causes.add(maxLength("/prefix", AssetNames.MAX_PREFIX_LENGTH));
        }
        bound.exactName().ifPresent(name -> {
            if (name.length() > AssetNames.MAX_LENGTH) {
                causes.add(maxLength("/exact_name", AssetNames.MAX_LENGTH));
            } else if (!AssetNames.isValid(name)) {
                causes.add(pattern("/exact_name", AssetNames.NAME_PATTERN));
            }
        });
        String access = bound.access().orElse(AssetAccess.PUBLIC.wireName());
        if (!access.equals("public") && !access.equals("private")) {
            causes.add(new ValidationCause("Enum", "/access",
                    "access must be one of the following: \"public\", \"private\"",
                    Map.of("expected", List.of("public", "private"))));
        }
        bound.headers().stored().forEach((name, value) -> {
            if (value.chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f)) {
                causes.add(new ValidationCause("General", "/headers/" + name, "must not contain control characters"));
            }
        });
        if (!causes.isEmpty()) {
            throw SkygearException.validationFailed(message, causes);
        }
        long length = contentLength(bound.headers().contentLength(), maxBytes);

        Map<String, String> headers = new LinkedHashMap<>();
        bound.headers().stored().forEach((name, value) -> {
            if (!value.isEmpty()) {
                headers.put(name, value);
            }
        });
        String contentType = headers.getOrDefault(ObjectMetadata.CONTENT_TYPE, ObjectMetadata.DEFAULT_CONTENT_TYPE);
        if (ContentTypes.mediaType(contentType).isEmpty()) {
            throw SkygearException.of(ErrorName.BAD_REQUEST, "invalid content-type");
        }
        headers.put(ObjectMetadata.CONTENT_TYPE, contentType);
        headers.putIfAbsent("cache-control", DEFAULT_CACHE_CONTROL);
        return new UploadRequest(prefix, bound.exactName(), length,
                new ObjectMetadata(AssetAccess.fromMetadata(access), headers));
    }

    /** The name the asset gets: the exact name, or prefix + UUID + the content type's extension. */
    public String newName() {
        return exactName.orElseGet(() -> prefix + UUID.randomUUID()
                + ContentTypes.extension(ContentTypes.mediaType(metadata.contentType()).orElseThrow()));
    }

    private static long contentLength(String value, long maxBytes) {
        long length;
        try {
            length = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw tooLarge();
        }
        if (length <= 0 || length > maxBytes) {
            throw tooLarge();
        }
        return length;
    }

    public static SkygearException tooLarge() {
        return new SkygearException(ErrorName.BAD_REQUEST, "AssetTooLarge", "asset too large");
    }

    private static ValidationCause pattern(String pointer, String pattern) {
        return new ValidationCause("StringFormat", pointer, "Does not match pattern '" + pattern + "'",
                Map.of("pattern", pattern));
    }

    private static ValidationCause maxLength(String pointer, int max) {
        return new ValidationCause("StringLength", pointer, "String length must be less than or equal to " + max,
                Map.of("lte", max));
    }
}
