package io.skygear.assets.storage;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of {@link AssetStorage#list}, in key order.
 *
 * @param objects   the objects of this page
 * @param nextToken where the next page starts; empty on the last page
 */
public record ObjectPage(List<ObjectSummary> objects, Optional<String> nextToken) {

    public ObjectPage {
        objects = List.copyOf(objects);
        Objects.requireNonNull(nextToken, "nextToken");
    }
}
