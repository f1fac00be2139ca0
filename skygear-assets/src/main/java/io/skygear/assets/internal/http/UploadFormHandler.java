package io.skygear.assets.internal.http;

import io.skygear.assets.internal.form.MalformedFormException;
import io.skygear.assets.internal.form.MultipartReader;
import io.skygear.assets.internal.metrics.AssetMetrics;
import io.skygear.assets.internal.signing.HttpSigner;
import io.skygear.assets.internal.signing.QueryString;
import io.skygear.assets.internal.upload.UploadRequest;
import io.skygear.assets.internal.upload.UploadService.Reservation;
import io.skygear.assets.storage.ObjectInfo;
import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import io.skygear.core.http.ApiResponses;
import io.skygear.core.http.Json;
import io.skygear.core.tenant.TenantContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /upload_form?<signature>}: a browser form upload. The form is read as a stream: fields
 * into memory (bounded), the one file part (field {@code file}) into a spool file as it arrives and
 * refused past the upload limit. Fields {@code prefix}, {@code access} and {@code exact_name} are the
 * request's, every other field is a header; the file's size is its {@code content-length} and its
 * part's Content-Type the default {@code content-type}. Then the same checks as {@code presign_upload},
 * and the gear stores the file itself: 200 {@code {"result":{"asset_name":…}}}.
 */
final class UploadFormHandler {

    static final int MAX_FIELDS = 64;
    static final int MAX_FIELD_BYTES = 64 * 1024;

    private final AssetServices services;

    UploadFormHandler(AssetServices services) {
        this.services = services;
    }

    void handle(HttpServletRequest request, HttpServletResponse response, TenantContext tenant) throws IOException {
        RequestOrigin origin = RequestOrigin.of(request);
        Map<String, List<String>> query = QueryString.parse(request.getQueryString());
        if (!HttpSigner.isSigned(query)) {
            throw new SkygearException(ErrorName.INVALID, "InvalidSignatureQueryParam", "invalid x-skygear-signature");
        }
        HttpSigner.verify(tenant.config().userConfig().asset().secret(),
                new HttpSigner.SignedRequest("POST", origin.host(), origin.basePath() + Routes.UPLOAD_FORM, query),
                services.clock().instant());
        String boundary = boundary(request.getContentType());
        Path spool = Files.createTempFile(services.settings().spoolDirectory(), "skygear-upload-", ".part");
        try {
            Form form = readForm(request.getInputStream(), boundary, spool);
            ObjectNode body = Json.mapper().createObjectNode();
            ObjectNode headers = body.putObject("headers");
            form.fields().forEach((name, value) -> {
                switch (name) {
                    case "prefix", "access", "exact_name" -> body.put(name, value);
                    default -> headers.put(name, value);
                }
            });
            headers.put("content-length", Long.toString(form.fileSize()));
            if (!headers.has("content-type")) {
                form.fileContentType().ifPresent(type -> headers.put("content-type", type));
            }
            UploadRequest upload = UploadRequest.parse(body, services.settings().maxUploadBytes(),
                    "invalid pre-signed request");
            Reservation reservation = services.uploads().reserve(tenant, upload, Optional.empty());
            ObjectInfo stored;
            try (InputStream in = Files.newInputStream(spool)) {
                stored = services.storage().put(reservation.key(), upload.metadata(), in, form.fileSize());
            } catch (IOException | RuntimeException e) {
                services.uploads().abandon(tenant, reservation.name());
                throw e;
            }
            services.uploads().complete(tenant, reservation.name(), stored);
            services.metrics().uploaded(AssetMetrics.Via.FORM, stored.size());
            ApiResponses.writeResult(response, Map.of("asset_name", reservation.name()));
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    private record Form(Map<String, String> fields, long fileSize, Optional<String> fileContentType) {
    }

    private Form readForm(InputStream in, String boundary, Path spool) throws IOException {
        MultipartReader reader = new MultipartReader(in, boundary);
        Map<String, String> fields = new LinkedHashMap<>();
        int files = 0;
        long fileSize = 0;
        Optional<String> fileType = Optional.empty();
        String fileField = null;
        try {
            for (Optional<MultipartReader.Part> next = reader.next(); next.isPresent(); next = reader.next()) {
                MultipartReader.Part part = next.get();
                if (part.filename().isPresent()) {
                    files++;
                    fileField = part.name();
                    fileType = part.contentType();
                    if (files == 1) {
                        fileSize = spool(part.body(), spool);
                    }
                    continue;
                }
                if (fields.containsKey(part.name())) {
                    throw badForm("repeated field: " + part.name());
                }
                if (fields.size() >= MAX_FIELDS) {
                    throw badForm("too many fields");
                }
                fields.put(part.name(), readField(part.body()));
            }
        } catch (MalformedFormException e) {
            throw badForm("invalid form: " + e.getMessage());
        }
        if (files != 1) {
            throw badForm("expected exactly 1 file part");
        }
        if (!"file".equals(fileField)) {
            throw badForm("invalid file field");
        }
        return new Form(fields, fileSize, fileType);
    }

    /** Copies the file part to the spool file, refusing it as soon as it passes the upload limit. */
    private long spool(InputStream body, Path spool) throws IOException {
        long max = services.settings().maxUploadBytes();
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(spool)) {
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                total += n;
                if (total > max) {
                    throw UploadRequest.tooLarge();
                }
                out.write(buffer, 0, n);
            }
        }
        return total;
    }

    private static String readField(InputStream body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
            if (out.size() + n > MAX_FIELD_BYTES) {
                throw badForm("field too large");
            }
            out.write(buffer, 0, n);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The boundary of a {@code multipart/form-data} Content-Type, else 400 as the original. */
    static String boundary(String contentType) {
        if (contentType == null) {
            throw badForm("invalid content-type");
        }
        String[] parts = contentType.split(";");
        if (!parts[0].trim().toLowerCase(Locale.ROOT).equals("multipart/form-data")) {
            throw badForm("invalid content-type");
        }
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].trim();
            int eq = param.indexOf('=');
            if (eq > 0 && param.substring(0, eq).trim().equalsIgnoreCase("boundary")) {
                String value = param.substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                if (!value.isEmpty() && value.length() <= 70) {
                    return value;
                }
            }
        }
        throw badForm("invalid boundary");
    }

    private static SkygearException badForm(String message) {
        return new SkygearException(ErrorName.BAD_REQUEST, "BadAssetUploadForm", message);
    }
}
