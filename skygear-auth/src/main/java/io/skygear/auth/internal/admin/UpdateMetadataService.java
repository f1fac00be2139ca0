package io.skygear.auth.internal.admin;

import io.skygear.auth.hook.UserUpdateEvent;
import io.skygear.auth.internal.hook.BeforeHookResult;
import io.skygear.auth.internal.hook.HookContext;
import io.skygear.auth.internal.http.AuthServices;
import io.skygear.auth.internal.user.User;
import io.skygear.auth.internal.user.UserStore;
import io.skygear.core.tenant.TenantContext;
import java.util.Map;
import java.util.Objects;
import org.jooq.DSLContext;

/**
 * Replaces a user's whole metadata object (§3.2 update_metadata), in one transaction with hook
 * {@code user_update} (reason {@code update_metadata}); a before-hook's metadata mutation wins over the
 * request's. An unknown user is 404 {@code UserNotFound}.
 */
public final class UpdateMetadataService {

    private final AuthServices services;

    public UpdateMetadataService(AuthServices services) {
        this.services = Objects.requireNonNull(services, "services");
    }

    /** Returns the user as stored afterwards. */
    public User updateMetadata(TenantContext tenant, String userId, Map<String, Object> metadata,
                               HookContext hookContext) {
        return services.database(tenant).transactionResult(trx -> {
            DSLContext dsl = trx.dsl();
            UserStore users = new UserStore(services.scope(tenant, dsl));
            User user = TargetUser.require(users, userId);
            BeforeHookResult before = services.hooks().before(tenant, dsl,
                    UserUpdateEvent.metadata(user.toHookUser(), metadata), hookContext);
            // updated_by is the user itself, as the original's profile store wrote it
            users.updateMetadata(userId, metadata, services.now(), userId);
            services.mutations().apply(tenant, dsl, user, before.mutations());
            services.hooks().after(tenant, dsl, before.payload(), hookContext);
            return TargetUser.require(users, userId);
        });
    }
}
