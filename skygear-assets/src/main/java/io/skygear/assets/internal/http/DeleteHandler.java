package io.skygear.assets.internal.http;

import io.skygear.assets.internal.store.AssetObjects;
import io.skygear.assets.internal.upload.AssetNames;
import io.skygear.core.http.ApiResponses;
import io.skygear.core.tenant.TenantContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * {@code DELETE /delete/<name>} (master key): removes the tenant's object and its row, releasing its
 * quota; a missing asset is not an error ({@code {"result":{}}}).
 */
final class DeleteHandler {

    private final AssetServices services;

    DeleteHandler(AssetServices services) {
        this.services = services;
    }

    void handle(HttpServletRequest request, HttpServletResponse response, TenantContext tenant, String name)
            throws IOException {
        Callers.requireMasterKey(request);
        AssetNames.require(name);
        // storage first: if it fails the row stays, and the object stays listed and counted
        services.storage().delete(AssetNames.key(tenant.appId(), name));
        AssetObjects.of(services.databases().forTenant(tenant), tenant.appId()).delete(name);
        ApiResponses.writeResult(response, Map.of());
    }
}
