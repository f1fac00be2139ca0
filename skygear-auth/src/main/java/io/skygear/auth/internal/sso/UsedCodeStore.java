package io.skygear.auth.internal.sso;

import io.skygear.core.db.TenantScope;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Authorization codes already redeemed ({@code _auth_sso_used_code}), shared by every node: a code is
 * used by inserting its id; the primary key refuses a second use, also one racing on another node.
 */
public final class UsedCodeStore {

    static final String TABLE = "_auth_sso_used_code";

    private static final Field<String> CODE_ID = DSL.field(DSL.name("code_id"), SQLDataType.VARCHAR);
    private static final Field<LocalDateTime> EXPIRES_AT = DSL.field(DSL.name("expires_at"), SQLDataType.LOCALDATETIME);

    private final TenantScope scope;

    public UsedCodeStore(TenantScope scope) {
        this.scope = Objects.requireNonNull(scope, "scope");
    }

    /**
     * Marks the code used; false when it was used before. Codes past their expiry are deleted on the
     * way (they are refused by their signature check anyway).
     */
    public boolean markUsed(String codeId, Instant expiresAt, Instant now) {
        scope.deleteFrom(TABLE, EXPIRES_AT.lt(utc(now))).execute();
        return scope.insertInto(TABLE)
                .set(CODE_ID, codeId)
                .set(EXPIRES_AT, utc(expiresAt))
                .onConflictDoNothing()
                .execute() == 1;
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
