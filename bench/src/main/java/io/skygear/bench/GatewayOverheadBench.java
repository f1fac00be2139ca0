package io.skygear.bench;

import io.skygear.core.http.AccessKeyFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Overhead of {@code GatewayFilter} on an in-process host endpoint, in one run: {@code wrk} against
 * {@code /bare} (a servlet writing a tiny JSON body) and {@code /gw/host} (the same servlet behind the
 * gateway: request id, tenant of the Host header from the config database through the cache, CORS, API
 * key, the auth gear's access-token filter) of one Jetty ({@link GatewayBenchApp}), same headers on both.
 * One untimed run of each, then {@code --rounds} rounds alternating the order; prints each run, the
 * medians and the ratio gateway / bare (goal ≥ 0.85).
 *
 * <p>Usage: {@code GatewayOverheadBench [--rounds 5] [--duration 15] [--warmup 10] [--connections 32] [--threads 1]}
 */
public final class GatewayOverheadBench {

    static final double GOAL = 0.85;
    private static final String BARE = "/bare";
    private static final String GATEWAY = "/gw/host";

    public static void main(String[] args) throws Exception {
        Map<String, Integer> options = options(args);
        try (GatewayBenchApp app = GatewayBenchApp.start()) {
            List<String> headers = List.of(AccessKeyFilter.HEADER + ": " + GatewayBenchApp.API_KEY);
            Wrk warmup = new Wrk(options.get("--threads"), options.get("--connections"), options.get("--warmup"), headers);
            Wrk measured = new Wrk(options.get("--threads"), options.get("--connections"), options.get("--duration"), headers);
            CpuMeter meter = app.meter();
            System.out.printf("GatewayFilter overhead: %s, wrk -t%d -c%d -d%ds --latency; %d round(s); JDK %s, %d CPUs; "
                            + "load average at start: %s%n", Wrk.version(), options.get("--threads"),
                    options.get("--connections"), options.get("--duration"), options.get("--rounds"), Runtime.version(),
                    Runtime.getRuntime().availableProcessors(), AuthBenchApp.loadAverage());
            for (String path : List.of(GATEWAY, BARE)) {
                print("warm-up", path, run(app, warmup, path, meter, false));
            }
            Map<String, List<double[]>> runs = new LinkedHashMap<>(Map.of(BARE, new ArrayList<>(), GATEWAY, new ArrayList<>()));
            List<Double> ratios = new ArrayList<>();
            for (int r = 0; r < options.get("--rounds"); r++) {
                for (String path : r % 2 == 0 ? List.of(BARE, GATEWAY) : List.of(GATEWAY, BARE)) {
                    double[] figures = run(app, measured, path, meter, true);
                    runs.get(path).add(figures);
                    print("round " + (r + 1), path, figures);
                }
                ratios.add(runs.get(GATEWAY).getLast()[0] / runs.get(BARE).getLast()[0]);
            }
            System.out.println();
            System.out.printf("%-9s %11s %9s %9s %11s%n", "path", "req/s med", "p50 ms", "p99 ms", "JVM us/req");
            for (String path : List.of(BARE, GATEWAY)) {
                List<double[]> list = runs.get(path);
                System.out.printf("%-9s %11.0f %9.3f %9.3f %11.1f%n", path, median(list, 0), median(list, 1),
                        median(list, 2), median(list, 3));
            }
            double ratio = median(runs.get(GATEWAY), 0) / median(runs.get(BARE), 0);
            System.out.printf("ratio gateway / bare (median req/s): %.3f; per round: %s; goal >= %.2f: %s%n", ratio,
                    ratios.stream().map(x -> "%.3f".formatted(x)).toList(), GOAL, ratio >= GOAL ? "met" : "NOT met");
            System.out.printf("JVM CPU per request, bare / gateway (medians): %.3f; load average at end: %s%n",
                    median(runs.get(BARE), 3) / median(runs.get(GATEWAY), 3), AuthBenchApp.loadAverage());
        }
    }

    /** req/s, p50 ms, p99 ms, JVM CPU µs per request; a measured run must have no error (warm-up may time out). */
    private static double[] run(GatewayBenchApp app, Wrk wrk, String path, CpuMeter meter, boolean measured) {
        CpuMeter.Sample before = meter.sample();
        Wrk.Result result = wrk.run(app.uri(path));
        CpuMeter.Sample cpu = meter.sample().minus(before);
        if (result.non2xx() > 0 || (measured && result.socketErrors() > 0)) {
            throw new IllegalStateException(path + ": " + result.non2xx() + " non-2xx, " + result.socketErrors() + " socket errors");
        }
        return new double[] {result.requestsPerSecond(), result.p50Millis(), result.p99Millis(),
                1e6 * cpu.jvm() / result.requests()};
    }

    private static void print(String label, String path, double[] f) {
        System.out.printf("%-8s %-9s %9.0f req/s  p50 %.3f ms  p99 %.3f ms  JVM %.1f us CPU/req%n", label, path, f[0], f[1],
                f[2], f[3]);
    }

    private static double median(List<double[]> runs, int index) {
        double[] values = runs.stream().mapToDouble(f -> f[index]).sorted().toArray();
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    private static Map<String, Integer> options(String[] args) {
        Map<String, Integer> values = new LinkedHashMap<>(Map.of(
                "--rounds", 5, "--duration", 15, "--warmup", 10, "--connections", 32, "--threads", 1));
        for (int i = 0; i < args.length; i += 2) {
            if (!values.containsKey(args[i]) || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: [--rounds 5] [--duration 15] [--warmup 10] [--connections 32] [--threads 1]");
            }
            values.put(args[i], Integer.parseInt(args[i + 1]));
        }
        return values;
    }
}
