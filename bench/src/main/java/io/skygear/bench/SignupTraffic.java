package io.skygear.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Steady traffic of new users, as a fault harness needs it: each virtual user loops signup (a new
 * username each time), login with that user and a token check, recording every call with its time.
 * Nothing is retried, so that every answer, error and timeout of a fault stays visible.
 */
final class SignupTraffic {

    static final String PASSWORD = "fault-Passw0rd!";

    /** One call of the traffic; {@code op} is {@code signup}, {@code login} or {@code token}. */
    record Timed(String op, Call call) {
    }

    /** One signup attempt and its answer (or the transport error that replaced it). */
    record Signup(String username, Call call) {
    }

    private final ExampleClient client;
    private final List<Timed> calls = new ArrayList<>();
    private final List<Signup> signups = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private volatile boolean running = true;

    private SignupTraffic(ExampleClient client) {
        this.client = client;
    }

    static SignupTraffic start(ExampleClient client, int virtualUsers) {
        SignupTraffic traffic = new SignupTraffic(client);
        for (int v = 0; v < virtualUsers; v++) {
            traffic.threads.add(Thread.ofVirtual().name("traffic-" + v).start(traffic::loop));
        }
        return traffic;
    }

    /** Lets each virtual user finish its current request, then returns. */
    void stop() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join();
        }
    }

    private void loop() {
        while (running) {
            long n = sequence.incrementAndGet();
            String username = "fault-user-" + n;
            // one client IP per user: the per-IP login limit is about brute force, not this traffic
            String ip = "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
            Call signup = client.signup(username, PASSWORD, ip);
            record("signup", signup);
            synchronized (this) {
                signups.add(new Signup(username, signup));
            }
            if (!signup.ok()) {
                pause();
                continue;
            }
            Call login = client.login(username, PASSWORD, ip);
            record("login", login);
            if (login.ok()) {
                record("token", client.me(login.result().get("access_token").asString()));
            }
        }
    }

    /** A failed call is not retried at once: a refused connection would otherwise spin. */
    private void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private synchronized void record(String op, Call call) {
        calls.add(new Timed(op, call));
    }

    synchronized List<Signup> signups() {
        return List.copyOf(signups);
    }

    /** End of the first successful call that started at or after {@code nanos}. */
    synchronized OptionalLong firstSuccessStartedAfter(long nanos) {
        return calls.stream().filter(t -> t.call().ok() && t.call().startNanos() >= nanos)
                .mapToLong(t -> t.call().endNanos()).min();
    }

    /** End of the last failed call that ended after {@code nanos}. */
    synchronized OptionalLong lastErrorAfter(long nanos) {
        return calls.stream().filter(t -> !t.call().ok() && t.call().endNanos() >= nanos)
                .mapToLong(t -> t.call().endNanos()).max();
    }

    /** Failed calls that ended in {@code [from, to]}, by operation and kind, e.g. {@code signup: connection refused}. */
    synchronized Map<String, Long> errorsBetween(long from, long to) {
        Map<String, Long> errors = new TreeMap<>();
        calls.stream().filter(t -> !t.call().ok() && t.call().endNanos() >= from && t.call().endNanos() <= to)
                .forEach(t -> errors.merge(t.op() + ": " + t.call().errorKind(), 1L, Long::sum));
        return errors;
    }

    /** How many calls succeeded ({@code ok}) or failed (not {@code ok}). */
    synchronized long count(boolean ok) {
        return calls.stream().filter(t -> t.call().ok() == ok).count();
    }
}
