package io.skygear.assets.internal.http;

import io.skygear.assets.internal.signing.QueryString;
import io.skygear.assets.internal.store.AssetObjects;
import io.skygear.assets.internal.store.AssetRow;
import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import io.skygear.core.http.ApiResponses;
import io.skygear.core.tenant.TenantContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /assets?prefix=&pagination_token=} (master key): the tenant's stored assets in name order,
 * a page at a time. Always scoped to the tenant (deviation 8: the original listed the whole bucket
 * without a prefix). Reads {@code _asset_object}, after settling pending uploads against storage.
 */
final class ListHandler {

    private final AssetServices services;

    ListHandler(AssetServices services) {
        this.services = services;
    }

    void handle(HttpServletRequest request, HttpServletResponse response, TenantContext tenant) throws IOException {
        Callers.requireMasterKey(request);
        Map<String, List<String>> query = QueryString.parse(request.getQueryString());
        String prefix = first(query, "prefix").orElse("");
        Optional<String> after = first(query, "pagination_token").filter(t -> !t.isEmpty()).map(ListHandler::decodeToken);
        services.uploads().reconcile(tenant);
        int pageSize = services.settings().listPageSize();
        List<AssetRow> rows = AssetObjects.of(services.databases().forTenant(tenant), tenant.appId())
                .listStored(prefix, after, pageSize + 1);
        List<Map<String, Object>> assets = new ArrayList<>();
        for (AssetRow row : rows.subList(0, Math.min(pageSize, rows.size()))) {
            assets.add(Map.of("asset_name", row.name(), "size", row.size()));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("assets", assets);
        if (rows.size() > pageSize) {
            result.put("pagination_token", encodeToken(rows.get(pageSize - 1).name()));
        }
        ApiResponses.writeResult(response, result);
    }

    private static Optional<String> first(Map<String, List<String>> query, String name) {
        return Optional.ofNullable(query.get(name)).map(List::getFirst);
    }

    private static String encodeToken(String lastName) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastName.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeToken(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw SkygearException.of(ErrorName.BAD_REQUEST, "invalid pagination_token");
        }
    }
}
