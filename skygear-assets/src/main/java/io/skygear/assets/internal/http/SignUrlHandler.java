package io.skygear.assets.internal.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.skygear.assets.internal.signing.HttpSigner;
import io.skygear.assets.internal.upload.AssetNames;
import io.skygear.core.error.SkygearException;
import io.skygear.core.error.ValidationCause;
import io.skygear.core.http.ApiResponses;
import io.skygear.core.http.JsonBodyReader;
import io.skygear.core.tenant.TenantContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /get_signed_url} (master key): signs {@code <scheme>://<host>/_asset/get/<name>} for each
 * asset with the tenant's asset secret, valid for {@code expire} seconds (default 3600, at most 7
 * days). Existence is not checked, as in the original.
 */
final class SignUrlHandler {

    static final long DEFAULT_EXPIRE = 3600;
    static final long MAX_EXPIRE = 604800;

    record Body(List<Item> assets) {
    }

    record Item(@JsonProperty("asset_name") String assetName, Optional<Long> expire) {
    }

    /** Length, pattern and range of the values whose type is right (binding reports the rest). */
    private static List<ValidationCause> valueCauses(JsonNode tree) {
        List<ValidationCause> causes = new ArrayList<>();
        JsonNode assets = tree.path("assets");
        for (int i = 0; assets.isArray() && i < assets.size(); i++) {
            String pointer = "/assets/" + i;
            JsonNode name = assets.get(i).path("asset_name");
            if (name.isString() && name.asString().isEmpty()) {
                causes.add(new ValidationCause("StringLength", pointer + "/asset_name",
                        "String length must be greater than or equal to 1", Map.of("gte", 1)));
            } else if (name.isString() && !AssetNames.isValid(name.asString())) {
                causes.add(new ValidationCause("StringFormat", pointer + "/asset_name",
                        "Does not match pattern '" + AssetNames.NAME_PATTERN + "'",
                        Map.of("pattern", AssetNames.NAME_PATTERN)));
            }
            JsonNode expire = assets.get(i).path("expire");
            if (expire.isNumber() && expire.decimalValue().signum() < 0) {
                causes.add(new ValidationCause("NumberRange", pointer + "/expire", "Must be greater than or equal to 0",
                        Map.of("gte", 0)));
            } else if (expire.isNumber() && expire.decimalValue().compareTo(BigDecimal.valueOf(MAX_EXPIRE)) > 0) {
                causes.add(new ValidationCause("NumberRange", pointer + "/expire",
                        "Must be less than or equal to " + MAX_EXPIRE, Map.of("lte", MAX_EXPIRE)));
            }
        }
        return causes;
    }

    private final AssetServices services;

    SignUrlHandler(AssetServices services) {
        this.services = services;
    }

    void handle(HttpServletRequest request, HttpServletResponse response, TenantContext tenant) throws IOException {
        Callers.requireMasterKey(request);
        JsonNode tree = JsonBodyReader.standard().readTree(request);
        // every cause at once, as the original's schema validation: binding's and the value rules'
        List<ValidationCause> causes = valueCauses(tree);
        Body body = null;
        try {
            body = JsonBodyReader.bind(tree, Body.class);
        } catch (SkygearException e) {
            if (e.causes().isEmpty()) {
                throw e;
            }
            causes.addAll(e.causes());
        }
        if (!causes.isEmpty()) {
            throw SkygearException.validationFailed("invalid request body", causes);
        }
        RequestOrigin origin = RequestOrigin.of(request);
        String secret = tenant.config().userConfig().asset().secret();
        Instant now = services.clock().instant();
        List<Map<String, String>> assets = new ArrayList<>();
        for (Item item : body.assets()) {
            String path = Routes.GET + item.assetName();
            long expire = item.expire().filter(e -> e > 0).orElse(DEFAULT_EXPIRE);
            String query = HttpSigner.sign(secret, new HttpSigner.SignedRequest("GET", origin.host(),
                    origin.basePath() + path, Map.of()), now, expire);
            assets.add(Map.of("asset_name", item.assetName(), "url", origin.url(path) + "?" + query));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("assets", assets);
        ApiResponses.writeResult(response, result);
    }
}
