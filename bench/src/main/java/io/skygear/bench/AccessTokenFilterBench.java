package io.skygear.bench;

import io.skygear.auth.AuthSettings;
import io.skygear.core.http.AccessKeyFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Overhead of the auth filter chain on a host endpoint, in one run: {@code wrk} against {@code /bare}
 * (a servlet writing a tiny JSON body) and {@code /authed} (the same servlet behind RequestIdFilter →
 * TenantFilter → AccessKeyFilter → AccessTokenFilter, requiring a valid access token) of one Jetty
 * server ({@link AuthBenchApp}), with the same headers (API key and the bearer token of a user signed
 * up through {@code /_auth/signup}) on both paths. One untimed run of each path, then {@code --rounds}
 * rounds alternating the order. Prints each run (throughput, p50/p99 latency, CPU of the JVM,
 * PostgreSQL, wrk and other processes), then per path the medians and the ratio authed / bare
 * (goal ≥ 0.9).
 *
 * <p>Usage: {@code AccessTokenFilterBench [--rounds 5] [--duration 15] [--warmup 10] [--connections 32] [--threads 1]}
 */
public final class AccessTokenFilterBench {

    static final double GOAL = 0.9;
    /** A round counts as quiet when other processes used less than this share of the CPUs. */
    private static final double QUIET = 0.10;
    private static final String BARE = "/bare";
    private static final String AUTHED = "/authed";

    private record Settings(int rounds, int duration, int warmup, int connections, int threads) {

        private static final String USAGE =
                "usage: [--rounds 5] [--duration 15] [--warmup 10] [--connections 32] [--threads 1]";

        static Settings parse(String[] args) {
            Map<String, Integer> values = new LinkedHashMap<>(Map.of(
                    "--rounds", 5, "--duration", 15, "--warmup", 10, "--connections", 32, "--threads", 1));
            for (int i = 0; i < args.length; i += 2) {
                if (!values.containsKey(args[i])) {
                    throw new IllegalArgumentException("unknown option " + args[i] + " (" + USAGE + ")");
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                values.put(args[i], Integer.parseInt(args[i + 1]));
            }
            if (values.values().stream().anyMatch(v -> v < 1)) {
                throw new IllegalArgumentException("every option must be at least 1 (" + USAGE + ")");
            }
            return new Settings(values.get("--rounds"), values.get("--duration"), values.get("--warmup"),
                    values.get("--connections"), values.get("--threads"));
        }
    }

    /** One wrk run with the CPU used meanwhile. */
    private record Run(Wrk.Result wrk, CpuMeter.Sample cpu) {

        /** CPU per request of the server and the load generator together, in microseconds. */
        double cpuMicrosPerRequest() {
            return 1e6 * (cpu.jvm() + wrk.wrkCpuSeconds()) / wrk.requests();
        }

        /** Server-side CPU per request: JVM time over requests served, in microseconds. */
        double jvmMicrosPerRequest() {
            return 1e6 * cpu.jvm() / wrk.requests();
        }

        double otherProcesses() {
            double busy = cpu.machineBusy() - cpu.jvm() - cpu.postgres() - wrk.wrkCpuSeconds();
            return cpu.machineTotal() > 0 ? Math.max(0, busy) / cpu.machineTotal() : 0;
        }
    }

    private final Settings settings;
    private final AuthBenchApp app;
    private final CpuMeter meter;

    private AccessTokenFilterBench(Settings settings, AuthBenchApp app) {
        this.settings = settings;
        this.app = app;
        this.meter = app.meter();
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        try (AuthBenchApp app = AuthBenchApp.start(AuthSettings.defaults())) {
            new AccessTokenFilterBench(settings, app).run();
        }
    }

    private void run() {
        String token = app.signup("bench-user", "bench-password-1");
        String[] headers = {AccessKeyFilter.HEADER, AuthBenchApp.API_KEY, "Authorization", "Bearer " + token};
        check(app.get(AUTHED, headers) == 200, "/authed with the token must answer 200");
        check(app.get(AUTHED, AccessKeyFilter.HEADER, AuthBenchApp.API_KEY) == 401, "/authed without a token must answer 401");
        check(app.get(BARE, headers) == 200, "/bare must answer 200");

        List<String> wrkHeaders = List.of(AccessKeyFilter.HEADER + ": " + AuthBenchApp.API_KEY, "Authorization: Bearer " + token);
        Wrk warmup = new Wrk(settings.threads(), settings.connections(), settings.warmup(), wrkHeaders);
        Wrk measured = new Wrk(settings.threads(), settings.connections(), settings.duration(), wrkHeaders);
        int cpus = Runtime.getRuntime().availableProcessors();

        System.out.printf("AccessTokenFilter overhead: %s, wrk -t%d -c%d -d%ds --latency, same headers on both paths "
                        + "(API key + bearer token); %d round(s)%n", Wrk.version(), settings.threads(),
                settings.connections(), settings.duration(), settings.rounds());
        System.out.printf("JDK %s, %d CPUs, Jetty on loopback, session cache TTL %s, %s; load average at start: %s%n",
                Runtime.version(), cpus, AuthSettings.defaults().sessionCacheTtl(), app.postgresSummary(),
                AuthBenchApp.loadAverage());

        for (String path : List.of(AUTHED, BARE)) {
            print("warm-up", path, measure(warmup, path), cpus);
        }
        Map<String, List<Run>> runs = new LinkedHashMap<>();
        runs.put(BARE, new ArrayList<>());
        runs.put(AUTHED, new ArrayList<>());
        List<Double> ratios = new ArrayList<>();
        List<Double> quietRatios = new ArrayList<>();
        for (int r = 0; r < settings.rounds(); r++) {
            List<String> order = r % 2 == 0 ? List.of(BARE, AUTHED) : List.of(AUTHED, BARE);
            for (String path : order) {
                Run run = measure(measured, path);
                runs.get(path).add(run);
                print("round " + (r + 1), path, run, cpus);
            }
            Run bare = runs.get(BARE).getLast();
            Run authed = runs.get(AUTHED).getLast();
            double ratio = authed.wrk().requestsPerSecond() / bare.wrk().requestsPerSecond();
            ratios.add(ratio);
            if (bare.otherProcesses() < QUIET && authed.otherProcesses() < QUIET) {
                quietRatios.add(ratio);
            }
        }

        System.out.println();
        System.out.printf("%-8s %11s %10s %10s %11s %9s %9s %9s %12s%n", "path", "req/s med", "p50 ms", "p99 ms",
                "JVM us/req", "JVM CPU", "wrk CPU", "PG CPU s", "other procs");
        for (Map.Entry<String, List<Run>> entry : runs.entrySet()) {
            List<Run> list = entry.getValue();
            System.out.printf("%-8s %11.0f %10.3f %10.3f %11.1f %8.0f%% %8.0f%% %9.2f %11.0f%%%n", entry.getKey(),
                    median(list, r -> r.wrk().requestsPerSecond()), median(list, r -> r.wrk().p50Millis()),
                    median(list, r -> r.wrk().p99Millis()), median(list, Run::jvmMicrosPerRequest),
                    100 * median(list, r -> r.cpu().jvm() / r.cpu().wallSeconds()),
                    100 * median(list, r -> r.wrk().wrkCpuSeconds() / r.cpu().wallSeconds()),
                    median(list, r -> r.cpu().postgres()), 100 * median(list, Run::otherProcesses));
        }
        double ratio = median(runs.get(AUTHED), r -> r.wrk().requestsPerSecond())
                / median(runs.get(BARE), r -> r.wrk().requestsPerSecond());
        System.out.printf("ratio authed / bare (median req/s): %.3f; per round: %s; goal >= %.1f: %s%n", ratio,
                ratios.stream().map(x -> "%.3f".formatted(x)).toList(), GOAL, ratio >= GOAL ? "met" : "NOT met");
        System.out.printf("ratio authed / bare in quiet rounds (other processes below %.0f%% during both runs): %s%n",
                100 * QUIET, quietRatios.isEmpty() ? "none" : quietRatios.stream().map(x -> "%.3f".formatted(x)).toList());
        System.out.printf("JVM CPU per request authed / bare (medians): %.3f; ratio implied by CPU per request "
                        + "(JVM + wrk, bare / authed, medians; what a CPU-bound run on otherwise idle CPUs would give): %.3f%n",
                median(runs.get(AUTHED), Run::jvmMicrosPerRequest) / median(runs.get(BARE), Run::jvmMicrosPerRequest),
                median(runs.get(BARE), Run::cpuMicrosPerRequest) / median(runs.get(AUTHED), Run::cpuMicrosPerRequest));
        System.out.printf("load average at end: %s (JVM CPU %% is of one CPU; other procs %% is of all %d)%n",
                AuthBenchApp.loadAverage(), cpus);
    }

    private Run measure(Wrk wrk, String path) {
        CpuMeter.Sample before = meter.sample();
        Wrk.Result result = wrk.run(app.uri(path));
        Run run = new Run(result, meter.sample().minus(before));
        if (result.non2xx() > 0 || result.socketErrors() > 0) {
            throw new IllegalStateException(path + ": " + result.non2xx() + " non-2xx responses, "
                    + result.socketErrors() + " socket errors");
        }
        return run;
    }

    private static void print(String label, String path, Run run, int cpus) {
        Wrk.Result w = run.wrk();
        System.out.printf("%-8s %-8s %9.0f req/s  p50 %.3f ms  p99 %.3f ms  (%d requests, JVM %.1f us CPU each); "
                        + "CPU: JVM %.1f s, wrk %.1f s, PostgreSQL %.2f s, other processes %.0f%% of %d%n",
                label, path, w.requestsPerSecond(), w.p50Millis(), w.p99Millis(), w.requests(),
                run.jvmMicrosPerRequest(), run.cpu().jvm(),
                w.wrkCpuSeconds(), run.cpu().postgres(), 100 * run.otherProcesses(), cpus);
    }

    private static double median(List<Run> runs, ToDoubleFunction<Run> value) {
        double[] values = runs.stream().mapToDouble(value).sorted().toArray();
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
