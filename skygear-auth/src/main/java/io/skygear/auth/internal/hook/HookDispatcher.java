package io.skygear.auth.internal.hook;

import io.skygear.auth.hook.HookEvent;
import io.skygear.auth.hook.HookEventType;
import io.skygear.auth.hook.HookSignature;
import io.skygear.auth.hook.HookUser;
import io.skygear.auth.hook.Mutations;
import io.skygear.auth.hook.UserSyncEvent;
import io.skygear.core.config.HookRegistration;
import io.skygear.core.config.HookTimeoutConfig;
import io.skygear.core.db.Database;
import io.skygear.core.db.DatabaseResolver;
import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import io.skygear.core.http.Json;
import io.skygear.core.tenant.TenantContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Sends the tenant's hooks ({@code hooks[]} of its config) for the operations of the auth gear.
 *
 * <p><b>Before.</b> {@link #before} calls every hook registered for the operation's {@code before_*}
 * type, in config order, synchronously: call it inside the operation's transaction, before writing.
 * Each call may take {@code app_config.hook.sync_hook_timeout_second} (default 5); before each call
 * the time spent so far is checked against {@code sync_hook_total_timeout_second} (default 10). A hook
 * that answers {@code is_allowed: false} fails the operation with 403 {@code WebHookDisallowed}
 * (info {@code reasons: [{reason, data?}]}); a hook that cannot be reached, times out, answers non-2xx
 * or off-schema fails it with 500, the details in the log. Mutations are returned in
 * {@link BeforeHookResult} for the caller to persist.
 *
 * <p><b>After.</b> {@link #after} writes the operation's {@code after_*} event and a {@code user_sync}
 * event (user re-read through the {@link UserLoader}) into the outbox table, in the caller's
 * transaction, for each hook registered for those types; nothing (not even a seq number) for types
 * without a hook. The {@link OutboxWorker} delivers them once the transaction commits: rolled back,
 * nothing is sent. Every call also makes the worker watch the tenant's database, so that rows left
 * pending before a restart are delivered once the database sees its first operation.
 *
 * <p>Relative hook URLs are resolved against {@link HookContext#baseUri()}. Thread-safe.
 */
public final class HookDispatcher {

    static final int DEFAULT_TIMEOUT_SECONDS = 5;
    static final int DEFAULT_TOTAL_TIMEOUT_SECONDS = 10;

    private final DatabaseResolver databases;
    private final Clock clock;
    private final HookHttp http;
    private final UserLoader users;
    private final OutboxWorker worker;

    /**
     * @param users  reads the user for {@code user_sync}
     * @param worker told about every database {@link #after} is called for, so that it watches it
     */
    public HookDispatcher(DatabaseResolver databases, Clock clock, HookHttp http, UserLoader users, OutboxWorker worker) {
        this.databases = Objects.requireNonNull(databases, "databases");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = Objects.requireNonNull(http, "http");
        this.users = Objects.requireNonNull(users, "users");
        this.worker = Objects.requireNonNull(worker, "worker");
    }

    /**
     * Runs the before-hooks of {@code payload}; returns it with the hooks' mutations applied.
     *
     * @throws SkygearException 403 {@code WebHookDisallowed} when a hook refuses; 500 when a hook fails
     */
    public BeforeHookResult before(TenantContext tenant, DSLContext trx, HookEvent.Operation payload, HookContext ctx) {
        HookEventType type = payload.beforeType();
        List<URI> urls = urls(tenant, type, ctx);
        if (urls.isEmpty()) {
            return BeforeHookResult.unchanged(payload);
        }
        HookTimeoutConfig timeouts = tenant.config().appConfig().hook();
        Duration perCall = seconds(timeouts.syncHookTimeoutSecond(), DEFAULT_TIMEOUT_SECONDS);
        Duration total = seconds(timeouts.syncHookTotalTimeoutSecond(), DEFAULT_TOTAL_TIMEOUT_SECONDS);
        long seq = EventSequence.next(databases.forTenant(tenant), trx);
        HookEvent.Context context = ctx.eventContext(clock);
        String secret = secret(tenant);

        Instant start = clock.instant();
        Mutations mutations = Mutations.NONE;
        HookEvent.Operation current = payload;
        for (URI url : urls) {
            try {
                if (Duration.between(start, clock.instant()).compareTo(total) > 0) {
                    throw new HookDeliveryException("before-hooks of " + type.wireName() + " exceeded the total timeout of "
                            + total.toSeconds() + " s");
                }
                byte[] body = json(HookEvent.of(seq, type, current, context));
                HookHttp.Response response = http.post(url, body, HookSignature.sign(secret, body), perCall);
                if (!response.successful()) {
                    throw new HookDeliveryException("hook " + HookHttp.describe(url) + " answered HTTP " + response.status());
                }
                switch (HookResponse.parse(response.body())) {
                    case HookResponse.Disallowed d -> throw disallowed(d);
                    case HookResponse.Allowed a -> {
                        mutations = mutations.then(a.mutations());
                        current = payload.withMutations(mutations);
                    }
                }
            } catch (HookDeliveryException e) {
                throw new SkygearException(ErrorName.INTERNAL_ERROR, "UnexpectedError", "unexpected error occurred", Map.of(),
                        new HookDeliveryException(type.wireName() + ": " + e.getMessage(), e.getCause()));
            }
        }
        return new BeforeHookResult(current, mutations);
    }

    /** {@link #after(TenantContext, DSLContext, List, HookContext)} for one operation. */
    public void after(TenantContext tenant, DSLContext trx, HookEvent.Operation payload, HookContext ctx) {
        after(tenant, trx, List.of(payload), ctx);
    }

    /**
     * Writes the after-events of {@code payloads} into the outbox, in the caller's transaction: first
     * every {@code after_*} event in order, then one {@code user_sync} per operation (as the original
     * did, e.g. signup: after_user_create, after_session_create, user_sync, user_sync). Call it at the
     * end of the transaction, once the operation's writes are done, so that {@code user_sync} reads
     * the stored user.
     */
    public void after(TenantContext tenant, DSLContext trx, List<? extends HookEvent.Operation> payloads, HookContext ctx) {
        Database db = databases.forTenant(tenant);
        // after a restart, rows left pending in this database are picked up from the first operation on
        worker.watch(db);
        Map<HookEventType, List<URI>> targets = new LinkedHashMap<>();
        for (HookEvent.Operation p : payloads) {
            targets.computeIfAbsent(p.afterType(), t -> urls(tenant, t, ctx));
        }
        List<URI> syncUrls = urls(tenant, HookEventType.USER_SYNC, ctx);
        if (syncUrls.isEmpty() && targets.values().stream().allMatch(List::isEmpty)) {
            return;
        }
        HookEvent.Context context = ctx.eventContext(clock);
        String secret = secret(tenant);
        List<HookOutbox.Entry> entries = new ArrayList<>();
        for (HookEvent.Operation p : payloads) {
            enqueue(entries, db, trx, secret, p.afterType(), p, context, targets.get(p.afterType()));
        }
        if (!syncUrls.isEmpty()) {
            for (HookEvent.Operation p : payloads) {
                Optional<HookUser> user = users.load(tenant, trx, p.user().id());
                if (user.isPresent()) {
                    enqueue(entries, db, trx, secret, HookEventType.USER_SYNC, new UserSyncEvent(user.get()), context, syncUrls);
                }
            }
        }
        if (entries.isEmpty()) {
            return;
        }
        HookOutbox.insert(db.tenant(tenant.appId()).using(trx), entries, clock.instant());
        HookOutbox.notifyWorkers(trx, db);
    }

    private static void enqueue(List<HookOutbox.Entry> entries, Database db, DSLContext trx, String secret,
                                HookEventType type, HookEvent.Payload payload, HookEvent.Context context, List<URI> urls) {
        if (urls.isEmpty()) {
            return;
        }
        long seq = EventSequence.next(db, trx);
        byte[] body = json(HookEvent.of(seq, type, payload, context));
        String signature = HookSignature.sign(secret, body);
        String text = new String(body, StandardCharsets.UTF_8);
        for (URI url : urls) {
            entries.add(new HookOutbox.Entry(seq, type.wireName(), url.toString(), text, signature));
        }
    }

    /** The absolute URLs of the hooks registered for {@code type}, in config order. */
    private static List<URI> urls(TenantContext tenant, HookEventType type, HookContext ctx) {
        List<URI> urls = new ArrayList<>();
        for (HookRegistration hook : tenant.config().hooks()) {
            if (type.matches(hook.event())) {
                urls.add(resolve(hook.url(), ctx));
            }
        }
        return urls;
    }

    private static URI resolve(String url, HookContext ctx) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw misconfigured("hook URL is not a valid URI: " + e.getReason());
        }
        if (!uri.isAbsolute()) {
            URI relative = uri;
            URI base = ctx.baseUri().orElseThrow(() -> misconfigured(
                    "relative hook URL " + relative.getRawPath() + " needs the request's base URI, and there is none"));
            uri = base.resolve(relative);
        }
        String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw misconfigured("hook URL must be http(s) with a host: " + HookHttp.describe(uri));
        }
        return uri;
    }

    private static String secret(TenantContext tenant) {
        return tenant.config().userConfig().hook().secret();
    }

    private static Duration seconds(int configured, int fallback) {
        return Duration.ofSeconds(configured > 0 ? configured : fallback);
    }

    private static byte[] json(HookEvent event) {
        return Json.mapper().writeValueAsBytes(event);
    }

    private static SkygearException disallowed(HookResponse.Disallowed d) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("reason", d.reason());
        d.data().ifPresent(data -> item.put("data", data));
        return new SkygearException(ErrorName.FORBIDDEN, "WebHookDisallowed", "disallowed by web-hook event handler",
                Map.of("reasons", List.of(item)));
    }

    private static SkygearException misconfigured(String why) {
        return new SkygearException(ErrorName.INTERNAL_ERROR, "UnexpectedError", "unexpected error occurred", Map.of(),
                new IllegalStateException("hooks[] of the tenant config: " + why));
    }
}
