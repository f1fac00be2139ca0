package io.skygear.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jooq.DSLContext;

/**
 * CPU time spent by this JVM, by one PostgreSQL server (postmaster, its live children and the children
 * it has reaped), and by the whole machine, read from {@code /proc} (Linux). Lets a benchmark tell its
 * own load from whatever else runs on the machine. Outside Linux the PostgreSQL and machine figures are 0.
 */
final class CpuMeter {

    /** CPU seconds at one moment; subtract two samples to get a period's figures. */
    record Sample(long wallNanos, double jvm, double postgres, double machineBusy, double machineTotal) {

        Sample minus(Sample earlier) {
            return new Sample(wallNanos - earlier.wallNanos, jvm - earlier.jvm, postgres - earlier.postgres,
                    machineBusy - earlier.machineBusy, machineTotal - earlier.machineTotal);
        }

        double wallSeconds() {
            return wallNanos / 1e9;
        }

        /** Share of all CPUs used by us (JVM + PostgreSQL) over the period. */
        double ours(int cpus) {
            return (jvm + postgres) / (wallSeconds() * cpus);
        }

        /** Share of all CPUs used by other processes over the period. */
        double others() {
            return machineTotal > 0 ? Math.max(0, machineBusy - jvm - postgres) / machineTotal : 0;
        }
    }

    private static final double TICKS_PER_SECOND = clockTicks();

    private final long postmasterPid;

    private CpuMeter(long postmasterPid) {
        this.postmasterPid = postmasterPid;
    }

    /** Meters the server {@code dsl} is connected to (its postmaster is the parent of our backend). */
    static CpuMeter of(DSLContext dsl) {
        long backend = ((Number) dsl.fetchValue("SELECT pg_backend_pid()")).longValue();
        List<String> stat = stat(backend);
        return new CpuMeter(stat.isEmpty() ? -1 : Long.parseLong(stat.get(1)));
    }

    Sample sample() {
        long wall = System.nanoTime();
        double jvm = ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class)
                .getProcessCpuTime() / 1e9;
        return new Sample(wall, jvm, postgresTicks() / TICKS_PER_SECOND, machine(true), machine(false));
    }

    private long postgresTicks() {
        List<String> postmaster = stat(postmasterPid);
        if (postmaster.isEmpty()) {
            return 0;
        }
        // utime, stime, and cutime, cstime: the backends that have exited
        long ticks = sum(postmaster, 11, 15);
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("[0-9]+")).toList()) {
                List<String> child = stat(Long.parseLong(process.getFileName().toString()));
                if (!child.isEmpty() && Long.parseLong(child.get(1)) == postmasterPid) {
                    ticks += sum(child, 11, 13);
                }
            }
        } catch (IOException e) {
            return ticks;
        }
        return ticks;
    }

    /** Busy or total seconds of all CPUs since boot, from the first line of /proc/stat. */
    private static double machine(boolean busy) {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i <= 8 && i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return (busy ? total - idle : total) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * Fields of /proc/pid/stat after the command name: index 0 is the state, 1 the parent pid, 11..14
     * utime, stime, cutime, cstime; empty when the process is gone or /proc is missing.
     */
    private static List<String> stat(long pid) {
        try {
            String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return List.of(line.substring(line.lastIndexOf(')') + 2).trim().split("\\s+"));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static long sum(List<String> fields, int from, int to) {
        long total = 0;
        for (int i = from; i < to; i++) {
            total += Long.parseLong(fields.get(i));
        }
        return total;
    }

    private static double clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes()).strip();
            return getconf.waitFor() == 0 ? Double.parseDouble(out) : 100;
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
