package io.skygear.assets.internal.http;

import io.skygear.assets.internal.signing.HttpSigner;
import io.skygear.core.http.ApiResponses;
import io.skygear.core.http.JsonBodyReader;
import io.skygear.core.tenant.TenantContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * {@code POST /presign_upload_form}: a URL of {@code /upload_form} signed with the tenant's asset
 * secret for the upload URL expiry (15 min). The JSON body must be valid JSON and is otherwise ignored.
 */
final class PresignUploadFormHandler {

    private final AssetServices services;

    PresignUploadFormHandler(AssetServices services) {
        this.services = services;
    }

    void handle(HttpServletRequest request, HttpServletResponse response, TenantContext tenant) throws IOException {
        Callers.requireMasterKeyOrUser(request, services.users());
        JsonBodyReader.standard().readTree(request);
        RequestOrigin origin = RequestOrigin.of(request);
        String signed = HttpSigner.sign(tenant.config().userConfig().asset().secret(),
                new HttpSigner.SignedRequest("POST", origin.host(), origin.basePath() + Routes.UPLOAD_FORM, Map.of()),
                services.clock().instant(), services.settings().uploadUrlExpiry().toSeconds());
        ApiResponses.writeResult(response, Map.of("url", origin.url(Routes.UPLOAD_FORM) + "?" + signed));
    }
}
