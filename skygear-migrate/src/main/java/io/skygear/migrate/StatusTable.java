package io.skygear.migrate;

import io.skygear.core.migrate.MigrationStatus;
import io.skygear.core.migrate.ModuleStatus;
import java.util.ArrayList;
import java.util.List;

/** {@code status} as an aligned text table, one row per module. */
final class StatusTable {

    private static final List<String> HEADER = List.of("MODULE", "SCHEMA", "CURRENT", "APPLIED", "PENDING", "DIRTY");

    private StatusTable() {
    }

    static String render(MigrationStatus status) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (ModuleStatus m : status.modules()) {
            rows.add(List.of(m.module(), m.schema(), m.currentVersion() == null ? "-" : m.currentVersion(),
                    String.valueOf(m.applied().size()),
                    pending(m.pending()),
                    m.dirty() ? "yes" : "no"));
        }
        int[] widths = new int[HEADER.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + (widths[i] + 2) + "s", row.get(i)));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** {@code 0}, {@code 1 (V)}, {@code 2 (V1, V2)}, or for more {@code 7 (first ... last)}. */
    private static String pending(List<String> versions) {
        return switch (versions.size()) {
            case 0 -> "0";
            case 1, 2 -> versions.size() + " (" + String.join(", ", versions) + ")";
            default -> versions.size() + " (" + versions.getFirst() + " ... " + versions.getLast() + ")";
        };
    }
}
