package io.skygear.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The calls of one operation in one measured interval: latencies of the successful ones, errors by kind.
 * Thread-safe; the harness records from many virtual threads at once.
 */
final class Latencies {

    private long[] nanos = new long[1024];
    private int count;
    private final Map<String, Long> errors = new TreeMap<>();

    synchronized void record(Call call) {
        if (!call.ok()) {
            errors.merge(call.errorKind(), 1L, Long::sum);
            return;
        }
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = call.nanos();
    }

    /** The figures so far; latencies in milliseconds. */
    synchronized Summary summary(double seconds) {
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        long failed = errors.values().stream().mapToLong(Long::longValue).sum();
        return new Summary(count / seconds, count, failed, percentile(sorted, 50), percentile(sorted, 95),
                percentile(sorted, 99), count == 0 ? 0 : sorted[count - 1] / 1e6, Map.copyOf(errors));
    }

    /** Nearest-rank percentile in milliseconds, 0 without samples. */
    private static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    /** Successful calls per second and their latencies; errors by kind (e.g. {@code http 429}). */
    record Summary(double perSecond, long ok, long failed, double p50, double p95, double p99, double max,
            Map<String, Long> errors) {

        String errorText() {
            if (errors.isEmpty()) {
                return "-";
            }
            StringBuilder text = new StringBuilder();
            new TreeMap<>(errors).forEach((kind, n) -> text.append(text.isEmpty() ? "" : ", ").append(kind)
                    .append(" x").append(n));
            return text.toString();
        }
    }
}
