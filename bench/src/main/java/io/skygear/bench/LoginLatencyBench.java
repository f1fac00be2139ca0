package io.skygear.bench;

import io.skygear.auth.AuthSettings;
import io.skygear.auth.internal.password.PasswordHasher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Login latency against its floor, in one run: sequential {@code POST /_auth/login} of one user through
 * real HTTP ({@link AuthBenchApp}; rate limits raised so they never refuse) against a bare
 * {@link PasswordHasher#verify} of that user's stored {@code $bcrypt-sha512$} hash (cost 10) in the same
 * JVM. Each iteration times one of each, alternating which goes first, so that drift of the machine hits
 * both alike; first {@code --warmup} untimed logins on all CPUs (so that the JIT has compiled the login
 * path, as in a server that has been up for a while) and a few verifies. Prints p50/p95/min/mean of both and the ratio
 * login / verify (goal ≤ 1.2).
 *
 * <p>Usage: {@code LoginLatencyBench [--iterations 100] [--warmup 600]}
 */
public final class LoginLatencyBench {

    static final double GOAL = 1.2;
    private static final String USERNAME = "bench-user";
    private static final String PASSWORD = "bench-password-1";

    private record Settings(int iterations, int warmup) {

        private static final String USAGE = "usage: [--iterations 100] [--warmup 600]";

        static Settings parse(String[] args) {
            int iterations = 100;
            int warmup = 600;
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                switch (args[i]) {
                    case "--iterations" -> iterations = Integer.parseInt(args[i + 1]);
                    case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + " (" + USAGE + ")");
                }
            }
            if (iterations < 2 || warmup < 0) {
                throw new IllegalArgumentException("--iterations must be at least 2, --warmup at least 0 (" + USAGE + ")");
            }
            return new Settings(iterations, warmup);
        }
    }

    /** Latencies of one kind of operation, in milliseconds, sorted. */
    private record Latencies(double[] millis) {

        static Latencies of(long[] nanos) {
            return new Latencies(Arrays.stream(nanos).mapToDouble(n -> n / 1e6).sorted().toArray());
        }

        /** Nearest-rank percentile. */
        double percentile(double p) {
            return millis[(int) Math.ceil(p * millis.length) - 1];
        }

        double mean() {
            return Arrays.stream(millis).average().orElseThrow();
        }

        double min() {
            return millis[0];
        }
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        AuthSettings.RateLimit unlimited = new AuthSettings.RateLimit(1_000_000, Duration.ofMinutes(1));
        AuthSettings authSettings = AuthSettings.builder()
                .loginLimitPerLoginId(unlimited).loginLimitPerIp(unlimited).build();
        try (AuthBenchApp app = AuthBenchApp.start(authSettings)) {
            run(settings, app);
        }
    }

    private static void run(Settings settings, AuthBenchApp app) {
        app.signup(USERNAME, PASSWORD);
        String hash = app.storedPasswordHash();
        PasswordHasher hasher = new PasswordHasher();
        if (!hash.startsWith("$bcrypt-sha512$$2a$10$") || !hasher.verify(PASSWORD, hash)) {
            throw new IllegalStateException("the stored hash is not a matching bcrypt-sha512 cost 10 hash");
        }
        System.out.printf("Login latency: POST /_auth/login over HTTP (loopback, java.net.http client) vs bare "
                + "PasswordHasher.verify of the stored $bcrypt-sha512$ cost-10 hash, same JVM; %d iterations "
                + "after %d warm-up logins%n", settings.iterations(), settings.warmup());
        System.out.printf("JDK %s, %d CPUs, %s; load average at start: %s%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), app.postgresSummary(), AuthBenchApp.loadAverage());

        warmUp(settings.warmup(), app, hasher, hash);

        CpuMeter meter = app.meter();
        long[] verify = new long[settings.iterations()];
        long[] login = new long[settings.iterations()];
        CpuMeter.Sample before = meter.sample();
        for (int i = 0; i < settings.iterations(); i++) {
            if (i % 2 == 0) {
                verify[i] = timeVerify(hasher, hash);
                login[i] = timeLogin(app);
            } else {
                login[i] = timeLogin(app);
                verify[i] = timeVerify(hasher, hash);
            }
        }
        CpuMeter.Sample used = meter.sample().minus(before);

        Latencies v = Latencies.of(verify);
        Latencies l = Latencies.of(login);
        System.out.println();
        System.out.printf("%-8s %9s %9s %9s %9s%n", "ms", "p50", "p95", "min", "mean");
        System.out.printf("%-8s %9.2f %9.2f %9.2f %9.2f%n", "verify", v.percentile(0.5), v.percentile(0.95), v.min(), v.mean());
        System.out.printf("%-8s %9.2f %9.2f %9.2f %9.2f%n", "login", l.percentile(0.5), l.percentile(0.95), l.min(), l.mean());
        double ratio = l.percentile(0.5) / v.percentile(0.5);
        System.out.printf("ratio login / verify: p50 %.3f, p95 %.3f, mean %.3f; login beyond bcrypt (p50): %.2f ms; "
                        + "goal <= %.1f: %s%n", ratio, l.percentile(0.95) / v.percentile(0.95), l.mean() / v.mean(),
                l.percentile(0.5) - v.percentile(0.5), GOAL, ratio <= GOAL ? "met" : "NOT met");
        System.out.printf("CPU over the timed iterations (%.1f s): JVM %.1f s, PostgreSQL %.2f s, other processes "
                        + "%.0f%%; load average at end: %s%n", used.wallSeconds(), used.jvm(), used.postgres(),
                100 * used.others(), AuthBenchApp.loadAverage());
    }

    /**
     * {@code logins} logins on every CPU at once, then a few verifies: the JIT must compile the SQL and
     * JSON paths of a login (hundreds of calls) before they count, or the interpreter is measured.
     */
    private static void warmUp(int logins, AuthBenchApp app, PasswordHasher hasher, String hash) {
        try (ExecutorService threads = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors())) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < logins; i++) {
                done.add(threads.submit(() -> app.login(USERNAME, PASSWORD)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("warm-up login failed", e.getCause());
        }
        for (int i = 0; i < 20; i++) {
            hasher.verify(PASSWORD, hash);
        }
    }

    private static long timeVerify(PasswordHasher hasher, String hash) {
        long start = System.nanoTime();
        boolean ok = hasher.verify(PASSWORD, hash);
        long elapsed = System.nanoTime() - start;
        if (!ok) {
            throw new IllegalStateException("verify failed");
        }
        return elapsed;
    }

    private static long timeLogin(AuthBenchApp app) {
        long start = System.nanoTime();
        app.login(USERNAME, PASSWORD);
        return System.nanoTime() - start;
    }
}
