package io.skygear.auth.hook;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The user as hook payloads carry it: the API's User object
 * ({@code {id, created_at, last_login_at?, is_verified, is_disabled, verify_info, metadata}}).
 *
 * @param createdAt   when the user's profile was created
 * @param lastLoginAt omitted from JSON when the user never logged in
 * @param verifyInfo  login ID value → verified
 * @param metadata    the user's metadata (profile data)
 */
public record HookUser(
        String id,
        Instant createdAt,
        @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<Instant> lastLoginAt,
        boolean isVerified,
        boolean isDisabled,
        Map<String, Boolean> verifyInfo,
        Map<String, Object> metadata) {

    public HookUser {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastLoginAt, "lastLoginAt");
        verifyInfo = Map.copyOf(verifyInfo);
        metadata = JsonMaps.copy(metadata);
    }

    /** This user with {@code mutations} applied (fields a mutation leaves out stay as they are). */
    public HookUser withMutations(Mutations mutations) {
        return new HookUser(id, createdAt, lastLoginAt,
                mutations.isVerified().orElse(isVerified),
                mutations.isDisabled().orElse(isDisabled),
                mutations.verifyInfo().orElse(verifyInfo),
                mutations.metadata().orElse(metadata));
    }
}
