package io.skygear.bench;

import io.skygear.core.db.Database;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * {@code fault-restart}: the example app (a child JVM) on its own embedded PostgreSQL, under steady
 * signup + login + token-check traffic, while (a) the app is stopped with SIGTERM and started again,
 * (b) killed with SIGKILL and started again, (c) PostgreSQL is stopped and started again. An
 * {@code after_user_create} hook points at a receiver in this process.
 *
 * <p>Per fault it reports when the first request sent after the fault took effect succeeded, when
 * the last error ended and the errors in between. Afterwards it checks: every user is whole (or absent),
 * every signup answered 200 is a stored user, every stored user's {@code after_user_create} arrived (at
 * least once; duplicates are counted), the outbox has nothing pending or dead, each fault was recovered
 * from within the bound (the app's start, then the clients' recovery after it), and an access token
 * issued before the faults still works. Exits 1, naming what broke, if any check fails.
 *
 * <p>Usage: {@code [--vus 8] [--steady 10] [--down 3] [--quiet 5] [--bound 90]}
 */
public final class FaultRestartBench {

    /** The faults, in the order they are injected. */
    enum Fault {
        APP_SIGTERM("app stopped (SIGTERM) and started"),
        APP_SIGKILL("app killed (SIGKILL) and started"),
        POSTGRES_RESTART("PostgreSQL stopped (fast) and started");

        final String what;

        Fault(String what) {
            this.what = what;
        }
    }

    /**
     * What clients saw of one fault, in seconds from the moment it was injected; {@code from} and
     * {@code to} ({@link System#nanoTime()}) bound the window its errors were counted in.
     */
    record Recovery(Fault fault, double downSeconds, double firstSuccess, double errorFree, Map<String, Long> errors,
            boolean recovered, long from, long to) {
    }

    private record Options(int vus, int steady, int down, int quiet, int bound) {
    }

    public static void main(String[] args) throws Exception {
        Options options = parse(args);
        List<String> failures = new ArrayList<>();
        try (TempDir dir = TempDir.create("skygear-fault-restart");
                HookReceiver hooks = HookReceiver.start(ExampleApp.HOOK_SECRET);
                RestartablePostgres postgres = RestartablePostgres.start(dir.resolve("postgres"), ExampleApp.freePort());
                ExampleApp app = new ExampleApp(ExampleApp.writeConfig(dir.path(), postgres.databaseUrl(), hooks.url()),
                        ExampleApp.freePort(), dir.resolve("app"))) {
            System.out.printf("fault-restart: example app (child JVM) on embedded PostgreSQL, in %s; %d virtual users;"
                    + " load average %s%n", dir.path(), options.vus(), AuthBenchApp.loadAverage());
            app.start(Duration.ofMinutes(3));
            List<Recovery> recoveries = new ArrayList<>();
            SignupTraffic traffic;
            Map<String, String> stored;
            try (ExampleClient client = new ExampleClient(app.base(), ExampleApp.API_KEY, Duration.ofSeconds(10))) {
                // a session from before the faults: sessions live in PostgreSQL, so it must outlive every restart
                Call before = client.signup("fault-survivor", SignupTraffic.PASSWORD, "10.255.255.1");
                if (!before.ok()) {
                    throw new IllegalStateException("signup before the faults failed: " + before.errorKind() + " " + before.body());
                }
                traffic = SignupTraffic.start(client, options.vus());
                Thread.sleep(Duration.ofSeconds(options.steady()));
                for (Fault fault : Fault.values()) {
                    Recovery recovery = inject(fault, app, postgres, traffic, options);
                    recoveries.add(recovery);
                    System.out.printf(Locale.ROOT, "  %-40s first success %.1f s, error-free %.1f s, errors %s%n",
                            fault.what, recovery.firstSuccess(), recovery.errorFree(), recovery.errors());
                    if (!recovery.recovered()) {
                        failures.add(fault.what + ": clients not recovered within " + options.bound()
                                + " s of the restart");
                    }
                    Thread.sleep(Duration.ofSeconds(options.steady()));
                }
                traffic.stop();
                Call after = client.me(before.result().get("access_token").asString());
                if (!after.ok()) {
                    failures.add("the access token issued before the faults no longer works: " + after.errorKind());
                }
            }
            try (Database database = Database.builder().jdbcUrl(postgres.jdbcUrl()).schema("app").maximumPoolSize(2)
                    .minimumIdle(1).poolName("fault-check").build()) {
                stored = check(new UserIntegrity(database), traffic, hooks, options, failures);
            }
            print(recoveries, traffic, stored);
        }
        if (failures.isEmpty()) {
            System.out.println("\nAll invariants held.");
        } else {
            System.out.println("\nBROKEN:");
            failures.forEach(f -> System.out.println("  - " + f));
            System.exit(1);
        }
    }

    /** Injects {@code fault} and waits until traffic has been error-free for {@code quiet} seconds, or the bound. */
    private static Recovery inject(Fault fault, ExampleApp app, RestartablePostgres postgres, SignupTraffic traffic,
            Options options) throws Exception {
        long t0 = System.nanoTime();
        switch (fault) {
            case APP_SIGTERM -> app.stop();
            case APP_SIGKILL -> app.kill();
            case POSTGRES_RESTART -> postgres.stop();
        }
        long down = System.nanoTime();
        Thread.sleep(Duration.ofSeconds(options.down()));
        switch (fault) {
            case APP_SIGTERM, APP_SIGKILL -> app.start(Duration.ofSeconds(options.bound()));
            case POSTGRES_RESTART -> postgres.start();
        }
        // the bound is for the clients once the server is back; a slow JVM start on a busy machine is not theirs
        long deadline = System.nanoTime() + Duration.ofSeconds(options.bound()).toNanos();
        long quiet = Duration.ofSeconds(options.quiet()).toNanos();
        while (System.nanoTime() < deadline) {
            OptionalLong first = traffic.firstSuccessStartedAfter(down);
            long calm = Math.max(first.orElse(Long.MAX_VALUE - quiet), traffic.lastErrorAfter(t0).orElse(t0));
            if (first.isPresent() && System.nanoTime() - calm >= quiet) {
                long lastError = traffic.lastErrorAfter(t0).orElse(t0);
                return new Recovery(fault, seconds(down - t0), seconds(first.getAsLong() - t0), seconds(lastError - t0),
                        traffic.errorsBetween(t0, lastError), true, t0, lastError);
            }
            Thread.sleep(100);
        }
        OptionalLong first = traffic.firstSuccessStartedAfter(down);
        long now = System.nanoTime();
        return new Recovery(fault, seconds(down - t0), first.isPresent() ? seconds(first.getAsLong() - t0) : Double.NaN,
                Double.NaN, traffic.errorsBetween(t0, now), false, t0, now);
    }

    /**
     * The invariants after the run; every broken one is added to {@code failures}. Returns the stored
     * users' ids by username.
     */
    private static Map<String, String> check(UserIntegrity integrity, SignupTraffic traffic, HookReceiver hooks, Options options,
            List<String> failures) throws InterruptedException {
        // the outbox delivers what the faults left pending; give it the bound to do so
        long deadline = System.nanoTime() + Duration.ofSeconds(options.bound()).toNanos();
        List<String> undelivered = undelivered(integrity, hooks);
        while (!undelivered.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            undelivered = undelivered(integrity, hooks);
        }
        if (!undelivered.isEmpty()) {
            failures.add("after_user_create never arrived for " + undelivered.size() + " stored users, e.g. "
                    + undelivered.subList(0, Math.min(5, undelivered.size())));
        }
        integrity.violations().forEach(v -> failures.add("half-written user: " + v));

        Map<String, String> stored = integrity.userIdsByLoginId();
        long lost = 0;
        long unansweredStored = 0;
        long unansweredAbsent = 0;
        for (SignupTraffic.Signup signup : traffic.signups()) {
            if (signup.call().ok()) {
                if (!signup.call().result().get("user").get("id").asString().equals(stored.get(signup.username()))) {
                    lost++;
                }
            } else if (stored.containsKey(signup.username())) {
                unansweredStored++;
            } else {
                unansweredAbsent++;
            }
        }
        if (lost > 0) {
            failures.add(lost + " signups answered 200 are not stored users");
        }
        Map<String, Integer> outbox = integrity.outboxByStatus();
        if (outbox.getOrDefault("pending", 0) > 0 || outbox.getOrDefault("dead", 0) > 0) {
            failures.add("hook outbox not settled: " + outbox);
        }
        if (hooks.badSignatures() > 0) {
            failures.add(hooks.badSignatures() + " hook deliveries with a bad signature");
        }
        System.out.printf("%n  signups: %d answered 200, %d failed or timed out (%d of them stored whole, %d absent);"
                        + " stored users %d; after_user_create received for %d users, %d duplicate deliveries;"
                        + " outbox %s%n", traffic.signups().stream().filter(s -> s.call().ok()).count(),
                unansweredStored + unansweredAbsent, unansweredStored, unansweredAbsent, stored.size(), hooks.users(),
                hooks.duplicates(), outbox);
        return stored;
    }

    private static List<String> undelivered(UserIntegrity integrity, HookReceiver hooks) {
        return integrity.userIds().stream().filter(id -> !hooks.received(id)).toList();
    }

    private static void print(List<Recovery> recoveries, SignupTraffic traffic, Map<String, String> stored) {
        System.out.printf("  calls: %d ok, %d failed; load average %s%n%n", traffic.count(true), traffic.count(false),
                AuthBenchApp.loadAverage());
        System.out.println("| fault | took effect after | first success | error-free | errors during (by call and kind)"
                + " | failed signups: stored whole / absent |");
        System.out.println("|---|---:|---:|---:|---|---:|");
        for (Recovery r : recoveries) {
            List<SignupTraffic.Signup> failed = traffic.signups().stream().filter(s -> !s.call().ok()
                    && s.call().endNanos() >= r.from() && s.call().endNanos() <= r.to()).toList();
            long whole = failed.stream().filter(s -> stored.containsKey(s.username())).count();
            System.out.printf(Locale.ROOT, "| %s | %.1f s | %.1f s | %.1f s | %s | %d / %d |%n", r.fault().what,
                    r.downSeconds(), r.firstSuccess(), r.errorFree(), r.errors().isEmpty() ? "none"
                            : r.errors().toString().replaceAll("[{}]", "").replace("=", " x"), whole, failed.size() - whole);
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static Options parse(String[] args) {
        int vus = 8;
        int steady = 10;
        int down = 3;
        int quiet = 5;
        int bound = 90;
        for (int i = 0; i < args.length; i += 2) {
            int value = i + 1 < args.length && args[i + 1].matches("\\d+") ? Integer.parseInt(args[i + 1]) : -1;
            if (value < 0 || (value == 0 && !args[i].equals("--down"))) {
                throw new IllegalArgumentException(args[i] + " needs a positive number"
                        + " (usage: [--vus 8] [--steady 10] [--down 3] [--quiet 5] [--bound 90])");
            }
            switch (args[i]) {
                case "--vus" -> vus = value;
                case "--steady" -> steady = value;
                case "--down" -> down = value;
                case "--quiet" -> quiet = value;
                case "--bound" -> bound = value;
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]
                        + " (usage: [--vus 8] [--steady 10] [--down 3] [--quiet 5] [--bound 90])");
            }
        }
        return new Options(vus, steady, down, quiet, bound);
    }
}
