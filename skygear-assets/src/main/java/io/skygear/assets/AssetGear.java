package io.skygear.assets;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.skygear.assets.internal.download.ImageVariants;
import io.skygear.assets.internal.http.AssetServices;
import io.skygear.assets.internal.http.AssetServlet;
import io.skygear.assets.internal.metrics.AssetMetrics;
import io.skygear.assets.internal.upload.AssetNames;
import io.skygear.assets.internal.upload.UploadService;
import io.skygear.assets.storage.AssetStorage;
import io.skygear.core.db.DatabaseResolver;
import io.skygear.core.tenant.TenantContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

/**
 * The asset gear: Skygear's {@code /_asset} API (presigned and form uploads, signed URLs, downloads with
 * the image pipeline, list, delete), wire-compatible with the original, on an {@link AssetStorage}.
 *
 * <pre>{@code
 * AssetGear assets = AssetGear.builder()
 *         .storage(FileSystemStorage.of(Path.of("data/assets")))
 *         .databases(DatabaseResolver.fixed(database))
 *         .users(request -> AuthContext.of(request).userId())   // with skygear-auth
 *         .build();
 * context.addServlet(new ServletHolder(assets.servlet()), "/_asset/*");
 * ...
 * assets.close();   // closes the storage
 * }</pre>
 *
 * <p>Each request needs a {@code TenantContext} ({@code TenantFilter} or the gateway) and its
 * {@code AccessKey} ({@code AccessKeyFilter}) in front. The tenant's tables must be migrated
 * (module {@code asset}): {@code _asset_object} records names, sizes (the plan's {@code maxAssetBytes}
 * quota) and pages the list. Thread-safe.
 */
public final class AssetGear implements AutoCloseable {

    private final AssetStorage storage;
    private final AssetServlet servlet;

    private AssetGear(AssetStorage storage, DatabaseResolver databases, AssetSettings settings, Clock clock,
            Function<HttpServletRequest, Optional<String>> users, MeterRegistry meterRegistry) {
        this.storage = storage;
        UploadService uploads = new UploadService(databases, storage, clock, settings.uploadUrlExpiry());
        this.servlet = new AssetServlet(new AssetServices(storage, settings, clock, databases, uploads,
                new ImageVariants(settings), users, new AssetMetrics(meterRegistry)));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The {@code /_asset} API; mount it at {@code /_asset/*}. The same instance on every call. */
    public HttpServlet servlet() {
        return servlet;
    }

    /**
     * Whether the tenant has an asset of this name in storage: lets the host app's own endpoints accept
     * a reference to an uploaded asset (the name {@code asset.upload} returned). A name the gear would
     * never issue has none.
     *
     * @throws IOException when the storage cannot be asked
     */
    public boolean exists(TenantContext tenant, String name) throws IOException {
        return AssetNames.isValid(name) && storage.head(AssetNames.key(tenant.appId(), name)).isPresent();
    }

    /** Closes the storage (its clients and connections). */
    @Override
    public void close() {
        storage.close();
    }

    /** Settings of an {@link AssetGear}; {@link #storage} and {@link #databases} are required. */
    public static final class Builder {
        private AssetStorage storage;
        private DatabaseResolver databases;
        private AssetSettings settings = AssetSettings.defaults();
        private Clock clock = Clock.systemUTC();
        private Function<HttpServletRequest, Optional<String>> users = request -> Optional.empty();
        private MeterRegistry meterRegistry = new CompositeMeterRegistry();

        private Builder() {
        }

        /** Where the bytes go: {@code FileSystemStorage} or {@code S3Storage}. Required; closed by the gear. */
        public Builder storage(AssetStorage storage) {
            this.storage = storage;
            return this;
        }

        /** Where each tenant's {@code _asset_object} table is, e.g. {@code DatabaseResolver.fixed(database)}. Required. */
        public Builder databases(DatabaseResolver databases) {
            this.databases = databases;
            return this;
        }

        /** Host-level limits; {@link AssetSettings#defaults()} when not set. */
        public Builder settings(AssetSettings settings) {
            this.settings = settings;
            return this;
        }

        /** Where time comes from (signatures, expiries); the UTC system clock when not set. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Who the logged-in, enabled user of a request is: with an API key, such a user may presign
         * uploads (the original's "master key, or API key and valid user"). With skygear-auth:
         * {@code request -> AuthContext.of(request).userId()}. Unset, only the master key may upload.
         */
        public Builder users(Function<HttpServletRequest, Optional<String>> users) {
            this.users = users;
            return this;
        }

        /**
         * Where the gear's {@code skygear.http.requests} and {@code skygear.asset.*} meters go (see
         * docs/operations.md); none when not set.
         */
        public Builder meterRegistry(MeterRegistry meterRegistry) {
            this.meterRegistry = meterRegistry;
            return this;
        }

        /**
         * Builds the gear.
         *
         * @throws IllegalArgumentException naming the setting that is missing
         */
        public AssetGear build() {
            if (storage == null) {
                throw new IllegalArgumentException("storage: required, e.g. FileSystemStorage.of(Path.of(\"assets\"))");
            }
            if (databases == null) {
                throw new IllegalArgumentException("databases: required, e.g. DatabaseResolver.fixed(database)");
            }
            if (settings == null) {
                throw new IllegalArgumentException("settings: must not be null");
            }
            if (clock == null) {
                throw new IllegalArgumentException("clock: must not be null");
            }
            if (users == null) {
                throw new IllegalArgumentException("users: must not be null");
            }
            if (meterRegistry == null) {
                throw new IllegalArgumentException("meterRegistry: must not be null");
            }
            return new AssetGear(storage, databases, settings, clock, users, meterRegistry);
        }
    }
}
