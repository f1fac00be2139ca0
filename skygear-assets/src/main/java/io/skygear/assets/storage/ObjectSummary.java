package io.skygear.assets.storage;

import java.util.Objects;

/** One entry of {@link AssetStorage#list}: key and size (listing does not read metadata). */
public record ObjectSummary(String key, long size) {

    public ObjectSummary {
        Objects.requireNonNull(key, "key");
    }
}
