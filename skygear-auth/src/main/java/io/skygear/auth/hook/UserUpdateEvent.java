package io.skygear.auth.hook;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Payload of {@code before_user_update} / {@code after_user_update}: the user's metadata, disabled or
 * verified state changes. Only the fields that change are present.
 *
 * @param user the user as before the change; mutations are not applied to this snapshot
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record UserUpdateEvent(
        Reason reason,
        Optional<Boolean> isDisabled,
        Optional<Boolean> isVerified,
        Optional<Map<String, Boolean>> verifyInfo,
        Optional<Map<String, Object>> metadata,
        HookUser user) implements HookEvent.Operation {

    /** Why the user changes; written in lower case ({@code "update_metadata"}, …). */
    public enum Reason {
        UPDATE_METADATA, UPDATE_IDENTITY, VERIFICATION, ADMINISTRATIVE;

        @JsonValue
        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public UserUpdateEvent {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(isDisabled, "isDisabled");
        Objects.requireNonNull(isVerified, "isVerified");
        verifyInfo = verifyInfo.map(Map::copyOf);
        metadata = metadata.map(JsonMaps::copy);
        Objects.requireNonNull(user, "user");
    }

    /** {@code update_metadata}: the metadata is replaced by {@code metadata}. */
    public static UserUpdateEvent metadata(HookUser user, Map<String, Object> metadata) {
        return new UserUpdateEvent(Reason.UPDATE_METADATA, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(metadata), user);
    }

    /** {@code administrative}: the user is disabled or enabled. */
    public static UserUpdateEvent disabled(HookUser user, boolean disabled) {
        return new UserUpdateEvent(Reason.ADMINISTRATIVE, Optional.of(disabled), Optional.empty(), Optional.empty(),
                Optional.empty(), user);
    }

    /** {@code verification}: the user's verification state changes. */
    public static UserUpdateEvent verification(HookUser user, boolean verified, Map<String, Boolean> verifyInfo) {
        return new UserUpdateEvent(Reason.VERIFICATION, Optional.empty(), Optional.of(verified), Optional.of(verifyInfo),
                Optional.empty(), user);
    }

    @Override
    public HookEventType beforeType() {
        return HookEventType.BEFORE_USER_UPDATE;
    }

    @Override
    public HookEventType afterType() {
        return HookEventType.AFTER_USER_UPDATE;
    }

    @Override
    public UserUpdateEvent withMutations(Mutations mutations) {
        return this;
    }
}
