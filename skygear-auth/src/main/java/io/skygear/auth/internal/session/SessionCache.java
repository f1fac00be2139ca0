package io.skygear.auth.internal.session;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Resolved access tokens of this node, keyed by token hash, so that a hot token costs no query.
 *
 * <p>An entry is used only while younger than the TTL and while the revocation listener of its
 * database is listening (a node that may have missed notifications goes to the database). Loads race
 * with evictions: a load remembers the {@link #generation()} it started at and is not cached when any
 * eviction happened meanwhile, so an eviction can never be undone by a slow load.
 *
 * <p>Bounded: when full, expired entries go first, then an arbitrary tenth.
 */
final class SessionCache {

    /** One cached token: mutable only in its latest access (written by the request threads). */
    static final class Entry {
        final String tokenHash;
        final Instant loadedAt;
        final BooleanSupplier trusted;
        final UserStatus user;
        volatile Session session;
        /** The access time last sent to the database (throttles writes). */
        volatile Instant persistedAccessAt;

        Entry(String tokenHash, ResolvedSession resolved, Instant loadedAt, BooleanSupplier trusted) {
            this.tokenHash = tokenHash;
            this.loadedAt = loadedAt;
            this.trusted = trusted;
            this.user = resolved.user();
            this.session = resolved.session();
            this.persistedAccessAt = resolved.session().accessedAt();
        }

        Key key() {
            return new Key(session.appId(), session.id());
        }
    }

    record Key(String appId, String sessionId) {
    }

    private final Map<String, Entry> byHash = new ConcurrentHashMap<>();
    private final Map<Key, Entry> bySession = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final long ttlMillis;
    private final int maxEntries;

    SessionCache(SessionSettings settings) {
        this.ttlMillis = settings.cacheTtl().toMillis();
        this.maxEntries = settings.cacheMaxEntries();
    }

    /** Changes on every eviction; see {@link #put}. */
    long generation() {
        return generation.get();
    }

    /** The trusted, fresh entry of {@code tokenHash} in {@code appId}, or null. */
    Entry get(String appId, String tokenHash, Instant now) {
        Entry entry = byHash.get(tokenHash);
        if (entry == null || !entry.session.appId().equals(appId) || !entry.trusted.getAsBoolean()) {
            return null;
        }
        if (expired(entry, now)) {
            remove(entry);
            return null;
        }
        return entry;
    }

    /** The latest known state of a cached session, e.g. its last access not yet written. */
    Optional<Session> session(String appId, String sessionId) {
        return Optional.ofNullable(bySession.get(new Key(appId, sessionId))).map(e -> e.session);
    }

    /**
     * Caches {@code entry} unless an eviction happened since {@code startGeneration} or its database is
     * not listened to. The entry works for the current request either way.
     */
    void put(Entry entry, long startGeneration, Instant now) {
        if (!entry.trusted.getAsBoolean() || generation.get() != startGeneration) {
            return;
        }
        if (byHash.size() >= maxEntries) {
            shrink(now);
        }
        byHash.put(entry.tokenHash, entry);
        Entry previous = bySession.put(entry.key(), entry);
        if (previous != null && previous != entry) {
            // a session has one access token at a time: the older one was replaced
            byHash.remove(previous.tokenHash, previous);
        }
        // an eviction that ran before these puts became visible would have missed them
        if (generation.get() != startGeneration) {
            remove(entry);
        }
    }

    void evictSession(String appId, String sessionId) {
        generation.incrementAndGet();
        Entry entry = bySession.remove(new Key(appId, sessionId));
        if (entry != null) {
            byHash.remove(entry.tokenHash, entry);
        }
    }

    void evictUser(String appId, String userId) {
        generation.incrementAndGet();
        for (Entry entry : bySession.values()) {
            if (entry.session.appId().equals(appId) && entry.session.userId().equals(userId)) {
                remove(entry);
            }
        }
    }

    void remove(Entry entry) {
        byHash.remove(entry.tokenHash, entry);
        bySession.remove(entry.key(), entry);
    }

    void flush() {
        generation.incrementAndGet();
        byHash.clear();
        bySession.clear();
    }

    int size() {
        return byHash.size();
    }

    private boolean expired(Entry entry, Instant now) {
        long age = now.toEpochMilli() - entry.loadedAt.toEpochMilli();
        return age >= ttlMillis || age < 0;
    }

    private void shrink(Instant now) {
        byHash.values().removeIf(e -> {
            boolean expired = expired(e, now);
            if (expired) {
                bySession.remove(e.key(), e);
            }
            return expired;
        });
        int toDrop = byHash.size() - maxEntries + Math.max(1, maxEntries / 10);
        Iterator<Entry> it = byHash.values().iterator();
        while (toDrop-- > 0 && it.hasNext()) {
            Entry e = it.next();
            it.remove();
            bySession.remove(e.key(), e);
        }
    }
}
