package io.skygear.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the {@code wrk} HTTP load generator (Debian package {@code wrk}) with {@code --latency} and reads
 * its report. wrk runs under {@code bash}, whose {@code times} builtin adds the CPU wrk itself used, so
 * that a benchmark can tell the load generator from other processes.
 *
 * @param threads     wrk threads ({@code -t})
 * @param connections open connections ({@code -c})
 * @param seconds     duration of one run ({@code -d})
 * @param headers     request headers, each {@code "Name: value"}
 */
record Wrk(int threads, int connections, int seconds, List<String> headers) {

    /** One run's figures; latencies in milliseconds. */
    record Result(double requestsPerSecond, double p50Millis, double p99Millis, long requests, long non2xx,
            long socketErrors, double wrkCpuSeconds) {
    }

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET_ERRORS =
            Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern TIME = Pattern.compile("(\\d+)m([0-9.]+)s");

    Wrk {
        headers = List.copyOf(headers);
    }

    /** The version line of the installed wrk, or why there is none. */
    static String version() {
        try {
            Process p = new ProcessBuilder("wrk", "-v").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out.lines().findFirst().orElse("wrk (no version)").replaceAll("\\s+Copyright.*", "");
        } catch (IOException e) {
            throw new IllegalStateException("wrk is not installed (Debian: apt-get install wrk)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Loads {@code uri} for {@link #seconds} and returns wrk's figures. */
    Result run(URI uri) {
        List<String> command = new ArrayList<>(List.of("bash", "-c", "wrk \"$@\"; rc=$?; times; exit $rc", "wrk",
                "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--latency"));
        headers.forEach(h -> command.addAll(List.of("-H", h)));
        command.add(uri.toString());
        String out;
        int exit;
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            exit = p.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (exit != 0) {
            throw new IllegalStateException("wrk exited with " + exit + ":\n" + out);
        }
        return parse(out);
    }

    static Result parse(String out) {
        long socketErrors = 0;
        Matcher errors = SOCKET_ERRORS.matcher(out);
        if (errors.find()) {
            for (int g = 1; g <= 4; g++) {
                socketErrors += Long.parseLong(errors.group(g));
            }
        }
        return new Result(Double.parseDouble(group(RATE, out)), percentile(out, "50%"), percentile(out, "99%"),
                Long.parseLong(group(REQUESTS, out)), NON_2XX.matcher(out).find() ? Long.parseLong(group(NON_2XX, out)) : 0,
                socketErrors, childCpuSeconds(out));
    }

    /** A line of the latency distribution, e.g. {@code 99%    1.20ms}, in milliseconds. */
    private static double percentile(String out, String label) {
        Matcher m = Pattern.compile("^\\s*" + Pattern.quote(label) + "\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE)
                .matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no " + label + " latency in wrk's report:\n" + out);
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1000;
            case "ms" -> value;
            default -> value * 1000;
        };
    }

    /** bash's {@code times}: the last line is the user and system time of its children (wrk). */
    private static double childCpuSeconds(String out) {
        List<String> lines = out.strip().lines().toList();
        Matcher m = TIME.matcher(lines.getLast());
        double seconds = 0;
        while (m.find()) {
            seconds += Long.parseLong(m.group(1)) * 60 + Double.parseDouble(m.group(2));
        }
        return seconds;
    }

    private static String group(Pattern pattern, String out) {
        Matcher m = pattern.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("unexpected wrk report (no " + pattern + "):\n" + out);
        }
        return m.group(1);
    }
}
