package io.skygear.testing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/** Reading meters in tests: a missing meter counts zero, and counts recorded just after a response settle. */
public final class Meters {

    private static final Duration SETTLE = Duration.ofSeconds(30);

    private Meters() {
    }

    /**
     * The count once it reaches {@code atLeast}, or what it is after a while: a request is recorded when
     * the servlet (or the proxy) returns, which may be just after the client has read the response.
     */
    public static double settled(DoubleSupplier count, double atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (count.getAsDouble() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return count.getAsDouble();
    }

    /** The count of counter {@code name} with {@code tags} (name/value pairs); 0 when none was made. */
    public static double counter(MeterRegistry registry, String name, String... tags) {
        Counter c = registry.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    /** The number of recordings of timer {@code name} with {@code tags}; 0 when none was made. */
    public static long timer(MeterRegistry registry, String name, String... tags) {
        Timer t = registry.find(name).tags(tags).timer();
        return t == null ? 0 : t.count();
    }
}
