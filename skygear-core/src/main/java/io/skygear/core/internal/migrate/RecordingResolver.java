package io.skygear.core.internal.migrate;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.flywaydb.core.api.CoreMigrationType;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.executor.MigrationExecutor;
import org.flywaydb.core.api.resolver.MigrationResolver;
import org.flywaydb.core.api.resolver.ResolvedMigration;
import org.flywaydb.core.extensibility.MigrationType;
import org.flywaydb.core.internal.jdbc.Results;

/**
 * The module's SQL migrations with a no-op executor: a Flyway {@code migrate} with this resolver records
 * them in the history exactly as a real run would (script, checksum, description) without executing
 * any script. Used by {@code force} and by the adoption of golang-migrate histories (Flyway Community
 * has no {@code skipExecutingMigrations}).
 */
final class RecordingResolver implements MigrationResolver {

    private final List<ResolvedMigration> migrations;

    /** {@code resolved}: Flyway's view of the module's scripts (pending or applied, versioned). */
    RecordingResolver(List<MigrationInfo> resolved) {
        this.migrations = resolved.stream().<ResolvedMigration>map(Recorded::new).toList();
    }

    @Override
    public Collection<ResolvedMigration> resolveMigrations(Context context) {
        return migrations;
    }

    private static final class Recorded implements ResolvedMigration, MigrationExecutor {
        private final MigrationVersion version;
        private final String description;
        private final String script;
        private final Integer checksum;
        private final String physicalLocation;

        Recorded(MigrationInfo info) {
            this.version = info.getVersion();
            this.description = info.isApplied() ? info.getResolvedDescription() : info.getDescription();
            this.script = info.getScript();
            this.checksum = info.isApplied() ? info.getResolvedChecksum() : info.getChecksum();
            this.physicalLocation = info.getPhysicalLocation();
        }

        @Override
        public MigrationVersion getVersion() {
            return version;
        }

        @Override
        public String getDescription() {
            return description;
        }

        @Override
        public String getScript() {
            return script;
        }

        @Override
        public Integer getChecksum() {
            return checksum;
        }

        @Override
        public MigrationType getType() {
            return CoreMigrationType.SQL;
        }

        @Override
        public String getPhysicalLocation() {
            return physicalLocation;
        }

        @Override
        public MigrationExecutor getExecutor() {
            return this;
        }

        @Override
        public boolean checksumMatches(Integer other) {
            return Objects.equals(checksum, other);
        }

        @Override
        public boolean checksumMatchesWithoutBeingIdentical(Integer other) {
            return false;
        }

        @Override
        // fully qualified: MigrationResolver.Context shadows the import here
        public List<Results> execute(org.flywaydb.core.api.executor.Context context) {
            return List.of();
        }

        @Override
        public boolean canExecuteInTransaction() {
            return true;
        }

        @Override
        public boolean shouldExecute() {
            return true;
        }
    }
}
