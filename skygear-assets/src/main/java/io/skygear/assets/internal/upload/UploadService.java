package io.skygear.assets.internal.upload;

import io.skygear.assets.internal.store.AssetObjects;
import io.skygear.assets.internal.store.AssetRow;
import io.skygear.assets.storage.AssetStorage;
import io.skygear.assets.storage.ObjectInfo;
import io.skygear.core.db.Database;
import io.skygear.core.db.DatabaseResolver;
import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import io.skygear.core.tenant.TenantContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Reserves asset names and keeps each app's usage: a presign or form upload first inserts a pending
 * {@code _asset_object} row (unique name, declared size counted against the plan's
 * {@code maxAssetBytes}) under a per-app lock; the upload marks it stored. Pending rows whose upload URL
 * ran out are reconciled against storage (kept as stored if the object arrived, else dropped), so an
 * abandoned upload does not hold quota for ever.
 */
public final class UploadService {

    /** Pending rows live this long past their URL's expiry: uploads that started in time may still finish. */
    static final Duration GRACE = Duration.ofMinutes(5);
    /** Most pending rows checked against storage per reconciliation. */
    static final int RECONCILE_BATCH = 100;

    private final DatabaseResolver databases;
    private final AssetStorage storage;
    private final Clock clock;
    private final Duration uploadExpiry;

    public UploadService(DatabaseResolver databases, AssetStorage storage, Clock clock, Duration uploadExpiry) {
        this.databases = databases;
        this.storage = storage;
        this.clock = clock;
        this.uploadExpiry = uploadExpiry;
    }

    /** A reserved name: upload to {@code key}, then {@link #complete} or {@link #abandon}. */
    public record Reservation(String name, String key) {
    }

    /**
     * Reserves a name for {@code request}.
     *
     * @throws SkygearException 409 {@code AlreadyExists/DuplicateAsset} when the name is taken (also by
     *                          an object in storage the table does not know), 403
     *                          {@code Forbidden/AssetQuotaExceeded} when the declared size does not fit
     */
    public Reservation reserve(TenantContext tenant, UploadRequest request, Optional<String> ownerId) {
        String name = request.newName();
        String key = AssetNames.key(tenant.appId(), name);
        Instant now = clock.instant();
        Database database = databases.forTenant(tenant);
        boolean reserved = database.transactionResult(trx -> {
            AssetObjects objects = AssetObjects.of(database, tenant.appId()).using(trx.dsl());
            objects.lockApp();
            reconcileExpired(tenant, objects, now);
            if (objects.find(name).isPresent()) {
                return false;
            }
            Optional<ObjectInfo> existing = head(key);
            if (existing.isPresent()) {
                // an object the table did not know (e.g. stored by the original server): record it, refuse
                ObjectInfo info = existing.get();
                objects.markStored(name, info.size(), info.metadata().contentType(),
                        info.metadata().access().wireName(), now);
                return false;
            }
            long quota = tenant.quotas().maxAssetBytes().orElse(Long.MAX_VALUE);
            if (request.contentLength() > quota - objects.usage()) {
                throw new SkygearException(ErrorName.FORBIDDEN, "AssetQuotaExceeded", "asset quota exceeded",
                        Map.of("max_asset_bytes", quota));
            }
            objects.insertPending(name, request.contentLength(), request.metadata().contentType(),
                    request.metadata().access().wireName(), ownerId, now, now.plus(uploadExpiry).plus(GRACE));
            return true;
        });
        if (!reserved) {
            throw duplicate();
        }
        return new Reservation(name, key);
    }

    /**
     * The name must be reserved (or stored) for the gear to accept bytes for it: a reservation deleted
     * meanwhile does not come back through an old upload URL, past the quota.
     *
     * @throws SkygearException 404 {@code NotFound/AssetNotFound}
     */
    public void requireReserved(TenantContext tenant, String name) {
        if (AssetObjects.of(databases.forTenant(tenant), tenant.appId()).find(name).isEmpty()) {
            throw new SkygearException(ErrorName.NOT_FOUND, "AssetNotFound", "no upload is reserved for this asset");
        }
    }

    /** The upload arrived: the row becomes stored with the stored size. */
    public void complete(TenantContext tenant, String name, ObjectInfo stored) {
        AssetObjects.of(databases.forTenant(tenant), tenant.appId()).markStored(name, stored.size(),
                stored.metadata().contentType(), stored.metadata().access().wireName(), clock.instant());
    }

    /** The upload failed: the name and its quota are released. */
    public void abandon(TenantContext tenant, String name) {
        AssetObjects.of(databases.forTenant(tenant), tenant.appId()).delete(name);
    }

    /**
     * Checks the app's pending rows against storage: objects that arrived are recorded as stored; rows
     * whose upload can no longer happen are dropped when the object is absent.
     */
    public void reconcile(TenantContext tenant) {
        Database database = databases.forTenant(tenant);
        Instant now = clock.instant();
        database.transaction(trx -> {
            AssetObjects objects = AssetObjects.of(database, tenant.appId()).using(trx.dsl());
            objects.lockApp();
            for (AssetRow row : objects.pending(RECONCILE_BATCH)) {
                settle(tenant, objects, row, now);
            }
        });
    }

    private void reconcileExpired(TenantContext tenant, AssetObjects objects, Instant now) {
        for (AssetRow row : objects.pending(RECONCILE_BATCH)) {
            if (row.expiresAt().map(now::isAfter).orElse(true)) {
                settle(tenant, objects, row, now);
            }
        }
    }

    private void settle(TenantContext tenant, AssetObjects objects, AssetRow row, Instant now) {
        Optional<ObjectInfo> stored = head(AssetNames.key(tenant.appId(), row.name()));
        if (stored.isPresent()) {
            ObjectInfo info = stored.get();
            objects.markStored(row.name(), info.size(), info.metadata().contentType(),
                    info.metadata().access().wireName(), now);
        } else if (row.expiresAt().map(now::isAfter).orElse(true)) {
            objects.delete(row.name());
        }
    }

    private Optional<ObjectInfo> head(String key) {
        try {
            return storage.head(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SkygearException duplicate() {
        return new SkygearException(ErrorName.ALREADY_EXISTS, "DuplicateAsset", "duplicate asset");
    }
}
