package io.skygear.auth.hook;

import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One hook event as POSTed to a hook URL: {@code {"id","seq","type","payload","context"}}, signed with
 * the {@code x-skygear-body-signature} header (see {@link HookSignature}).
 *
 * @param id      {@code seq} as 16 lower-case hex digits
 * @param seq     increasing number from the database sequence {@code _auth_event_sequence}
 * @param type    the event type; its wire name is written
 * @param payload what happened; its shape depends on {@code type}
 * @param context who asked, and when
 */
public record HookEvent(String id, long seq, HookEventType type, Payload payload, Context context) {

    public HookEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(context, "context");
    }

    /** The event {@code seq} with its {@code id} derived as the original did. */
    public static HookEvent of(long seq, HookEventType type, Payload payload, Context context) {
        return new HookEvent(idOf(seq), seq, type, payload, context);
    }

    /** {@code seq} as 16 lower-case hex digits, e.g. {@code 42} → {@code "000000000000002a"}. */
    public static String idOf(long seq) {
        return HexFormat.of().toHexDigits(seq);
    }

    /** The payload of an event: an {@link Operation} or the {@link UserSyncEvent} notification. */
    public sealed interface Payload permits Operation, UserSyncEvent {
    }

    /**
     * An operation on a user, announced before it happens ({@link #beforeType()}, which a hook may
     * refuse or mutate) and after it is committed ({@link #afterType()}).
     */
    public sealed interface Operation extends Payload permits UserCreateEvent, UserUpdateEvent, IdentityCreateEvent,
            IdentityDeleteEvent, SessionCreateEvent, SessionDeleteEvent, PasswordUpdateEvent {

        HookEventType beforeType();

        HookEventType afterType();

        /** The user the operation is about. */
        HookUser user();

        /**
         * This payload as the next before-hook and the after-event see it once {@code mutations} are
         * applied; payloads whose user is a snapshot from before the operation stay unchanged.
         */
        Operation withMutations(Mutations mutations);
    }

    /**
     * The {@code context} of an event: the time it was made and the request that caused it.
     *
     * @param timestamp  unix seconds
     * @param requestId  the request's {@code x-skygear-request-id}; {@code null} in JSON when absent
     * @param userId     the requesting session's user, if the request had a session
     * @param identityId the identity of the requesting session
     * @param session    the requesting session (the API's Session object)
     */
    public record Context(
            long timestamp,
            Optional<String> requestId,
            Optional<String> userId,
            Optional<String> identityId,
            Optional<Map<String, Object>> session) {

        public Context {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(identityId, "identityId");
            session = session.map(JsonMaps::copy);
        }
    }
}
