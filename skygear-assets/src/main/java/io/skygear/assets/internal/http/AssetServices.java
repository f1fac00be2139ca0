package io.skygear.assets.internal.http;

import io.skygear.assets.AssetSettings;
import io.skygear.assets.internal.download.ImageVariants;
import io.skygear.assets.internal.metrics.AssetMetrics;
import io.skygear.assets.internal.upload.UploadService;
import io.skygear.assets.storage.AssetStorage;
import io.skygear.core.db.DatabaseResolver;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the endpoint handlers share.
 *
 * @param users the logged-in, enabled user of a request, if any (from the host's auth filter)
 */
public record AssetServices(AssetStorage storage, AssetSettings settings, Clock clock, DatabaseResolver databases,
        UploadService uploads, ImageVariants images, Function<HttpServletRequest, Optional<String>> users,
        AssetMetrics metrics) {
}
