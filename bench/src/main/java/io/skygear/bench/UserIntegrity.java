package io.skygear.bench;

import io.skygear.core.db.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the auth schema must hold after any fault: a user exists with all of its rows or not at all
 * ({@code _core_user}, its password principal in {@code _auth_principal} and {@code _auth_provider_password},
 * and {@code _auth_user_profile}), and the hook outbox has nothing left pending or given up.
 */
final class UserIntegrity {

    /** Each check names the broken rule and selects the ids that break it. */
    private static final Map<String, String> CHECKS = Map.of(
            "user without a principal", """
                    SELECT u.id FROM _core_user u
                    WHERE NOT EXISTS (SELECT 1 FROM _auth_principal p WHERE p.user_id = u.id)""",
            "user without a password login", """
                    SELECT u.id FROM _core_user u WHERE NOT EXISTS (
                      SELECT 1 FROM _auth_principal p JOIN _auth_provider_password pp ON pp.principal_id = p.id
                      WHERE p.user_id = u.id)""",
            "user without a profile", """
                    SELECT u.id FROM _core_user u
                    WHERE NOT EXISTS (SELECT 1 FROM _auth_user_profile up WHERE up.user_id = u.id)""",
            "password principal without its provider row", """
                    SELECT p.id FROM _auth_principal p WHERE p.provider = 'password'
                      AND NOT EXISTS (SELECT 1 FROM _auth_provider_password pp WHERE pp.principal_id = p.id)""",
            "principal without a user", """
                    SELECT p.id FROM _auth_principal p
                    WHERE p.user_id IS NULL OR NOT EXISTS (SELECT 1 FROM _core_user u WHERE u.id = p.user_id)""",
            "profile without a user", """
                    SELECT up.user_id FROM _auth_user_profile up
                    WHERE NOT EXISTS (SELECT 1 FROM _core_user u WHERE u.id = up.user_id)""");

    private final Database database;

    UserIntegrity(Database database) {
        this.database = database;
    }

    /** One line per broken rule, e.g. {@code user without a profile: 2 (id1, id2)}; empty when whole. */
    List<String> violations() {
        List<String> broken = new ArrayList<>();
        new TreeMap<>(CHECKS).forEach((rule, sql) -> {
            List<String> ids = database.dsl().fetch(sql).getValues(0, String.class);
            if (!ids.isEmpty()) {
                broken.add(rule + ": " + ids.size() + " " + ids.subList(0, Math.min(5, ids.size())));
            }
        });
        return broken;
    }

    /** Every user's id by its username login ID. */
    Map<String, String> userIdsByLoginId() {
        Map<String, String> users = new TreeMap<>();
        database.dsl().fetch("""
                SELECT pp.login_id, p.user_id FROM _auth_provider_password pp
                JOIN _auth_principal p ON p.id = pp.principal_id""")
                .forEach(r -> users.put(r.get(0, String.class), r.get(1, String.class)));
        return users;
    }

    List<String> userIds() {
        return database.dsl().fetch("SELECT id FROM _core_user").getValues(0, String.class);
    }

    /** Hook outbox rows by status ({@code pending}, {@code delivered}, {@code dead}). */
    Map<String, Integer> outboxByStatus() {
        Map<String, Integer> counts = new TreeMap<>();
        database.dsl().fetch("SELECT status, count(*)::int FROM _auth_hook_outbox GROUP BY status")
                .forEach(r -> counts.put(r.get(0, String.class), r.get(1, Integer.class)));
        return counts;
    }
}
