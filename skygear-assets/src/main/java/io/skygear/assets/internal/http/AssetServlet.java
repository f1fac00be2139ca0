package io.skygear.assets.internal.http;

import io.skygear.assets.internal.metrics.AssetMetrics;
import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import io.skygear.core.http.JsonApiServlet;
import io.skygear.core.internal.metrics.HttpMetrics;
import io.skygear.core.tenant.TenantContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;

/**
 * The {@code /_asset} API: routes by method and path to one handler per endpoint. Errors are written
 * as the Skygear envelope by {@link JsonApiServlet}.
 */
public final class AssetServlet extends JsonApiServlet {

    private final transient PresignUploadHandler presignUpload;
    private final transient PresignUploadFormHandler presignUploadForm;
    private final transient UploadFormHandler uploadForm;
    private final transient DirectUploadHandler directUpload;
    private final transient SignUrlHandler signUrl;
    private final transient DownloadHandler download;
    private final transient ListHandler list;
    private final transient DeleteHandler delete;
    private final transient AssetMetrics metrics;

    public AssetServlet(AssetServices services) {
        this.presignUpload = new PresignUploadHandler(services);
        this.presignUploadForm = new PresignUploadFormHandler(services);
        this.uploadForm = new UploadFormHandler(services);
        this.directUpload = new DirectUploadHandler(services);
        this.signUrl = new SignUrlHandler(services);
        this.download = new DownloadHandler(services);
        this.list = new ListHandler(services);
        this.delete = new DeleteHandler(services);
        this.metrics = services.metrics();
    }

    @Override
    protected void handle(HttpServletRequest request, HttpServletResponse response) throws Exception {
        TenantContext tenant = TenantContext.require(request);
        String method = request.getMethod();
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        HttpMetrics.endpoint(request, endpoint(path));
        switch (path) {
            case Routes.PRESIGN_UPLOAD -> {
                allow(method, "POST");
                presignUpload.handle(request, response, tenant);
            }
            case Routes.PRESIGN_UPLOAD_FORM -> {
                allow(method, "POST");
                presignUploadForm.handle(request, response, tenant);
            }
            case Routes.UPLOAD_FORM -> {
                allow(method, "POST");
                uploadForm.handle(request, response, tenant);
            }
            case Routes.GET_SIGNED_URL -> {
                allow(method, "POST");
                signUrl.handle(request, response, tenant);
            }
            case Routes.LIST -> {
                allow(method, "GET");
                list.handle(request, response, tenant);
            }
            default -> named(request, response, tenant, method, path);
        }
    }

    /** The endpoints with the asset name as the last path segment. */
    private void named(HttpServletRequest request, HttpServletResponse response, TenantContext tenant, String method,
            String path) throws Exception {
        if (path.startsWith(Routes.GET) && isSegment(path, Routes.GET)) {
            if (!method.equals("GET") && !method.equals("HEAD")) {
                throw methodNotAllowed();
            }
            download.handle(request, response, tenant, path.substring(Routes.GET.length()));
        } else if (path.startsWith(Routes.DELETE) && isSegment(path, Routes.DELETE)) {
            allow(method, "DELETE");
            delete.handle(request, response, tenant, path.substring(Routes.DELETE.length()));
        } else if (path.startsWith(Routes.UPLOAD) && isSegment(path, Routes.UPLOAD)) {
            allow(method, "PUT");
            directUpload.handle(request, response, tenant, path.substring(Routes.UPLOAD.length()));
        } else {
            throw SkygearException.of(ErrorName.NOT_FOUND, "route not found");
        }
    }

    @Override
    protected void completed(HttpServletRequest request, HttpServletResponse response, SkygearException error,
                             long startNanos) {
        metrics.requestCompleted(request, response, error, startNanos);
    }

    /** The metrics template of {@code path}: the route without the asset name, or {@code unmatched}. */
    private static String endpoint(String path) {
        return switch (path) {
            case Routes.PRESIGN_UPLOAD, Routes.PRESIGN_UPLOAD_FORM, Routes.UPLOAD_FORM, Routes.GET_SIGNED_URL,
                 Routes.LIST -> path.substring(1);
            default -> {
                for (String prefix : List.of(Routes.GET, Routes.DELETE, Routes.UPLOAD)) {
                    if (path.startsWith(prefix) && isSegment(path, prefix)) {
                        yield prefix.substring(1, prefix.length() - 1);
                    }
                }
                yield HttpMetrics.UNMATCHED;
            }
        };
    }

    /** The rest after {@code prefix} is one non-empty segment (an asset name cannot contain {@code /}). */
    private static boolean isSegment(String path, String prefix) {
        String rest = path.substring(prefix.length());
        return !rest.isEmpty() && rest.indexOf('/') < 0;
    }

    private static void allow(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw methodNotAllowed();
        }
    }

    private static SkygearException methodNotAllowed() {
        return new SkygearException(ErrorName.NOT_FOUND, "MethodNotAllowed", "method not allowed");
    }
}
