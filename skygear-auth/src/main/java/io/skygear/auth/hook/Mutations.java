package io.skygear.auth.hook;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Changes to the user that a before-hook asks for in its {@code mutations} object. Mutations of
 * several hooks accumulate, a later hook winning per field (see {@link #then(Mutations)}).
 *
 * @param isDisabled disable or enable the user (clears the disable message and expiry)
 * @param isVerified mark the user verified or not
 * @param verifyInfo replace the verification state per login ID value
 * @param metadata   replace the user's metadata
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record Mutations(
        Optional<Boolean> isDisabled,
        Optional<Boolean> isVerified,
        Optional<Map<String, Boolean>> verifyInfo,
        Optional<Map<String, Object>> metadata) {

    /** No change. */
    public static final Mutations NONE = new Mutations(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public Mutations {
        Objects.requireNonNull(isDisabled, "isDisabled");
        Objects.requireNonNull(isVerified, "isVerified");
        verifyInfo = verifyInfo.map(Map::copyOf);
        metadata = metadata.map(JsonMaps::copy);
    }

    /** These mutations followed by {@code later}: each field {@code later} sets replaces ours. */
    public Mutations then(Mutations later) {
        return new Mutations(
                later.isDisabled.or(() -> isDisabled),
                later.isVerified.or(() -> isVerified),
                later.verifyInfo.or(() -> verifyInfo),
                later.metadata.or(() -> metadata));
    }

    /** Whether no field is set. */
    public boolean empty() {
        return this.equals(NONE);
    }
}
