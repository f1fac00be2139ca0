package io.skygear.auth.hook;

import static io.skygear.auth.hook.HookTenants.tenant;
import static io.skygear.auth.hook.HookTenants.user;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.skygear.auth.AuthGear;
import io.skygear.auth.hook.HookReceiver.Answer;
import io.skygear.auth.internal.hook.HookContext;
import io.skygear.auth.internal.hook.HookDispatcher;
import io.skygear.auth.internal.hook.HookHttp;
import io.skygear.auth.internal.hook.OutboxSettings;
import io.skygear.auth.internal.hook.OutboxWorker;
import io.skygear.auth.testing.MigratedDatabase;
import io.skygear.auth.testing.MutableClock;
import io.skygear.core.db.Database;
import io.skygear.core.db.DatabaseResolver;
import io.skygear.core.tenant.TenantContext;
import io.skygear.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The outbox worker delivers committed after-hook events, retries with backoff, and never twice. */
class OutboxWorkerTest {

    static final Duration BACKOFF = Duration.ofSeconds(10);
    static final Duration WAIT = Duration.ofSeconds(30);

    static MigratedDatabase database;
    static Database db;
    static TestServer server;
    static HookReceiver receiver = new HookReceiver();
    static MutableClock clock = new MutableClock(Instant.parse("2019-11-29T10:00:00Z"));
    static HookHttp http = new HookHttp(Duration.ofSeconds(2));
    static List<AutoCloseable> closeables = new ArrayList<>();
    /** Workers of the running test; closed after it, so that none takes another test's rows. */
    static List<OutboxWorker> workers = new ArrayList<>();

    @BeforeAll
    static void start() {
        database = MigratedDatabase.create("1790000200__hook_outbox");
        db = database.open();
        server = new TestServer().servlet(receiver, "/hooks/*").start();
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : closeables.reversed()) {
            c.close();
        }
        server.close();
        db.close();
    }

    @BeforeEach
    void reset() {
        receiver.reset();
    }

    @AfterEach
    void stopWorkers() {
        workers.forEach(OutboxWorker::close);
        workers.clear();
    }

    /** A worker polling only every 10 minutes: anything sooner comes from a commit's NOTIFY. */
    static OutboxWorker worker(int maxAttempts, Duration maxAge) {
        OutboxWorker worker = new OutboxWorker(clock, http, new OutboxSettings(maxAttempts, maxAge, BACKOFF,
                Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofSeconds(2), 4, Duration.ofDays(7)));
        workers.add(worker);
        return worker;
    }

    static HookDispatcher dispatcher(Database on, OutboxWorker worker) {
        return new HookDispatcher(DatabaseResolver.fixed(on), clock, http, (t, trx, id) -> Optional.empty(), worker);
    }

    /** Commits one after_user_create event per user id for {@code t}. */
    static void commitEvents(HookDispatcher dispatcher, TenantContext t, String... userIds) {
        db.transaction(cfg -> {
            for (String id : userIds) {
                dispatcher.after(t, cfg.dsl(), new UserCreateEvent(user(id), List.of()), HookContext.none());
            }
        });
    }

    static List<Record> rows(TenantContext t) {
        return db.tenant(t.appId()).selectFrom("_auth_hook_outbox").orderBy(DSL.field("id")).fetch();
    }

    static Record row(TenantContext t) {
        return rows(t).getFirst();
    }

    static void awaitAllDelivered(TenantContext t, int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (rows(t).stream().filter(r -> r.get("status").equals("delivered")).count() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("rows not delivered: " + rows(t));
            }
            Thread.sleep(20);
        }
    }

    static Instant at(Record row, String column) {
        return row.get(column, LocalDateTime.class).toInstant(ZoneOffset.UTC);
    }

    @Test
    void runningWorkerDeliversOnlyAfterCommitWokenByTheCommit() throws InterruptedException {
        TenantContext t = tenant("app-live", "after_user_create", server.uri("/hooks/live").toString());
        OutboxWorker worker = worker(3, Duration.ofHours(1));
        worker.watch(db);
        worker.start();
        HookDispatcher dispatcher = dispatcher(db, worker);

        db.transaction(cfg -> {
            dispatcher.after(t, cfg.dsl(), new UserCreateEvent(user("u-live"), List.of()), HookContext.none());
            // uncommitted rows are invisible to any worker
            assertThat(worker.deliverDue(db)).isZero();
        });

        HookReceiver.Received received = receiver.await("/hooks/live", 1, WAIT).getFirst();
        assertThat(HookSignature.verify(HookTenants.SECRET, received.body(), received.signature())).isTrue();
        assertThat(received.json().get("payload").get("user").get("id").stringValue()).isEqualTo("u-live");
        awaitAllDelivered(t, 1);
        assertThat(row(t).get("attempts", Integer.class)).isEqualTo(1);
        assertThat(at(row(t), "delivered_at")).isEqualTo(clock.instant());
    }

    @Test
    void failedDeliveriesAreRetriedWithGrowingBackoffUntilTheReceiverRecovers() {
        TenantContext t = tenant("app-retry", "after_user_create", server.uri("/hooks/flaky").toString());
        OutboxWorker worker = worker(5, Duration.ofHours(1));
        AtomicInteger calls = new AtomicInteger();
        receiver.answer("/hooks/flaky", r -> calls.incrementAndGet() <= 2 ? Answer.status(500) : Answer.status(204));
        commitEvents(dispatcher(db, worker), t, "u-retry");

        assertThat(worker.deliverDue(db)).isEqualTo(1);
        Instant failedAt = clock.instant();
        assertThat(row(t).get("status")).isEqualTo("pending");
        assertThat(row(t).get("attempts", Integer.class)).isEqualTo(1);
        assertThat(row(t).get("last_error")).isEqualTo("HTTP 500");
        assertThat(at(row(t), "next_attempt_at")).isBetween(failedAt.plus(BACKOFF.dividedBy(2)), failedAt.plus(BACKOFF));

        assertThat(worker.deliverDue(db)).as("not due before the backoff has passed").isZero();

        clock.advance(BACKOFF);
        assertThat(worker.deliverDue(db)).isEqualTo(1);
        Instant secondFailure = clock.instant();
        assertThat(row(t).get("attempts", Integer.class)).isEqualTo(2);
        assertThat(at(row(t), "next_attempt_at"))
                .isBetween(secondFailure.plus(BACKOFF), secondFailure.plus(BACKOFF.multipliedBy(2)));

        clock.advance(BACKOFF.multipliedBy(2));
        assertThat(worker.deliverDue(db)).isEqualTo(1);
        assertThat(row(t).get("status")).isEqualTo("delivered");
        assertThat(row(t).get("attempts", Integer.class)).isEqualTo(3);

        List<HookReceiver.Received> deliveries = receiver.received("/hooks/flaky");
        assertThat(deliveries).hasSize(3);
        assertThat(deliveries).extracting(HookReceiver.Received::text).containsOnly(deliveries.getFirst().text());
        assertThat(deliveries).extracting(HookReceiver.Received::signature).containsOnly(deliveries.getFirst().signature());
    }

    @Test
    void rowIsMarkedDeadAfterMaxAttemptsAndLoggedWithoutItsQuery() {
        TenantContext t = tenant("app-dead", "after_user_create", server.uri("/hooks/down?token=s3cr3t-query").toString());
        OutboxWorker worker = worker(3, Duration.ofDays(1));
        receiver.answer("/hooks/down", Answer.status(500));
        commitEvents(dispatcher(db, worker), t, "u-dead");
        ListAppender<ILoggingEvent> log = capture(OutboxWorker.class);
        try {
            for (int i = 0; i < 3; i++) {
                assertThat(worker.deliverDue(db)).isEqualTo(1);
                clock.advance(Duration.ofHours(1));
            }
            assertThat(worker.deliverDue(db)).isZero();
        } finally {
            release(OutboxWorker.class, log);
        }

        assertThat(row(t).get("status")).isEqualTo("dead");
        assertThat(row(t).get("attempts", Integer.class)).isEqualTo(3);
        assertThat(receiver.received("/hooks/down")).hasSize(3);
        List<String> lines = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(log.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.WARN, Level.ERROR);
        assertThat(lines.getLast()).contains("given up after 3 attempts", "app-dead", "HTTP 500", "/hooks/down");
        assertThat(lines).noneMatch(line -> line.contains("s3cr3t-query"));
    }

    @Test
    void rowOlderThanMaxAgeIsMarkedDeadOnItsNextFailure() {
        TenantContext t = tenant("app-old", "after_user_create", server.uri("/hooks/old").toString());
        OutboxWorker worker = worker(10, Duration.ofHours(1));
        receiver.answer("/hooks/old", Answer.status(404));
        commitEvents(dispatcher(db, worker), t, "u-old");

        clock.advance(Duration.ofHours(2));
        assertThat(worker.deliverDue(db)).isEqualTo(1);

        assertThat(row(t).get("status")).isEqualTo("dead");
        assertThat(row(t).get("attempts", Integer.class)).isEqualTo(1);
        assertThat(row(t).get("last_error")).isEqualTo("HTTP 404");
    }

    @Test
    void twoWorkersOnOneTableNeverDeliverTheSameRowTwice() throws InterruptedException {
        TenantContext t = tenant("app-race", "after_user_create", server.uri("/hooks/race").toString());
        receiver.answer("/hooks/race", Answer.status(200).after(Duration.ofMillis(3)));
        // two "nodes": separate pools and workers on the same database
        Database otherNode = database.open();
        closeables.add(otherNode);
        OutboxWorker first = worker(3, Duration.ofHours(1));
        OutboxWorker second = worker(3, Duration.ofHours(1));
        first.watch(db);
        second.watch(otherNode);
        String[] users = new String[150];
        for (int i = 0; i < users.length; i++) {
            users[i] = "u-race-" + i;
        }
        commitEvents(dispatcher(db, first), t, users);

        first.start();
        second.start();
        awaitAllDelivered(t, users.length);

        // every delivery reached the receiver before its row was settled
        List<HookReceiver.Received> deliveries = receiver.received("/hooks/race");
        assertThat(deliveries).hasSize(users.length);
        assertThat(deliveries.stream().map(r -> r.json().get("id").stringValue()).distinct()).hasSize(users.length);
        assertThat(rows(t)).allMatch(r -> r.get("attempts", Integer.class) == 1);
    }

    @Test
    void oneAppsBacklogDoesNotHoldUpAnotherAppAndEachAppIsDeliveredInOrder() {
        TenantContext busy = tenant("app-busy", "after_user_create", server.uri("/hooks/busy").toString());
        TenantContext quiet = tenant("app-quiet", "after_user_create", server.uri("/hooks/quiet").toString());
        OutboxWorker worker = worker(3, Duration.ofHours(1));
        HookDispatcher dispatcher = dispatcher(db, worker);
        String[] backlog = new String[30];
        for (int i = 0; i < backlog.length; i++) {
            backlog[i] = "u-busy-" + i;
        }
        commitEvents(dispatcher, busy, backlog);
        commitEvents(dispatcher, quiet, "u-quiet");

        worker.deliverDue(db);

        assertThat(rows(busy)).extracting(r -> r.get("status")).containsOnly("delivered");
        assertThat(rows(quiet)).extracting(r -> r.get("status")).containsExactly("delivered");
        List<HookReceiver.Received> deliveries = receiver.all().stream()
                .filter(r -> r.path().equals("/hooks/busy") || r.path().equals("/hooks/quiet")).toList();
        assertThat(deliveries).hasSize(backlog.length + 1);
        // apps take turns, a burst of rows each (8), instead of the oldest rows of all apps first
        assertThat(deliveries).extracting(HookReceiver.Received::path).element(8).isEqualTo("/hooks/quiet");
        assertThat(deliveries.stream().filter(r -> r.path().equals("/hooks/busy"))
                .map(r -> r.json().get("payload").get("user").get("id").stringValue()))
                .as("oldest first within an app").containsExactly(backlog);
    }

    @Test
    void workerStartedAfterARestartDeliversRowsLeftPending() throws InterruptedException {
        TenantContext t = tenant("app-restart", "after_user_create", server.uri("/hooks/restart").toString());
        OutboxWorker beforeRestart = worker(3, Duration.ofHours(1));
        commitEvents(dispatcher(db, beforeRestart), t, "u-r1", "u-r2");
        beforeRestart.close();
        assertThat(rows(t)).extracting(r -> r.get("status")).containsOnly("pending");

        OutboxWorker afterRestart = worker(3, Duration.ofHours(1));
        afterRestart.watch(db);
        afterRestart.start();

        receiver.await("/hooks/restart", 2, WAIT);
        awaitAllDelivered(t, 2);
    }

    @Test
    void gearOnAFixedDatabaseResumesPendingRowsAtStartupWithoutAnyRequest() throws InterruptedException {
        TenantContext t = tenant("app-gear-restart", "after_user_create", server.uri("/hooks/gear-restart").toString());
        OutboxWorker beforeRestart = worker(3, Duration.ofHours(1));
        commitEvents(dispatcher(db, beforeRestart), t, "u-g1");
        beforeRestart.close();

        try (AuthGear gear = AuthGear.builder().databases(DatabaseResolver.fixed(db)).clock(clock).build()) {
            receiver.await("/hooks/gear-restart", 1, WAIT);
            awaitAllDelivered(t, 1);
        }
    }

    @Test
    void settledRowsArePurgedAfterTheRetentionPendingOnesKept() {
        TenantContext t = tenant("app-purge", "after_user_create", server.uri("/hooks/purge").toString());
        OutboxWorker worker = worker(3, Duration.ofDays(30));
        HookDispatcher dispatcher = dispatcher(db, worker);
        commitEvents(dispatcher, t, "u-p1");
        assertThat(worker.deliverDue(db)).isEqualTo(1);
        receiver.answer("/hooks/purge", Answer.status(500));
        commitEvents(dispatcher, t, "u-p2");
        assertThat(worker.deliverDue(db)).isEqualTo(1);

        clock.advance(Duration.ofDays(8));
        worker.purge(db);

        assertThat(rows(t)).extracting(r -> r.get("status")).containsExactly("pending");
    }

    private static ListAppender<ILoggingEvent> capture(Class<?> type) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(type)).addAppender(appender);
        return appender;
    }

    private static void release(Class<?> type, ListAppender<ILoggingEvent> appender) {
        ((Logger) LoggerFactory.getLogger(type)).detachAppender(appender);
    }
}
