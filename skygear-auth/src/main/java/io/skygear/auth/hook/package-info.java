/**
 * Hook events: what a hook URL configured in the tenant's {@code hooks[]} receives.
 *
 * <p>Every event is an {@link io.skygear.auth.hook.HookEvent} envelope whose payload is one of the
 * {@code *Event} records; {@link io.skygear.auth.hook.HookEventType} lists the wire names, and
 * {@link io.skygear.auth.hook.HookSignature} checks the {@code x-skygear-body-signature} header.
 * Before-events are sent while the operation's transaction is open, and the receiver's answer
 * ({@code {"is_allowed": true, "mutations"?: …}} or {@code {"is_allowed": false, "reason": …,
 * "data"?: …}}) can refuse the operation or change the user ({@link io.skygear.auth.hook.Mutations}).
 * After-events and {@code user_sync} are sent once the operation has committed, through a durable
 * outbox with retries, so a receiver may see an event more than once: deduplicate by {@code id}.
 */
package io.skygear.auth.hook;
