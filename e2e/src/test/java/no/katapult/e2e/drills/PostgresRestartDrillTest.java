package no.katapult.e2e.drills;

import no.katapult.common.testing.Sql;
import no.katapult.client.Answer;
import no.katapult.client.OrgNumbers;
import no.katapult.e2e.Problems;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static no.katapult.e2e.drills.Drills.call;
import static no.katapult.e2e.drills.Drills.json;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drill: PostgreSQL restarts (fast shutdown) while clients keep writing through the gateway. The services report
 * not ready and then recover on their own; no answer is a 500 or carries a stack trace (503 is fine); every
 * write that was acknowledged with a 2xx is in the database afterwards.
 */
class PostgresRestartDrillTest {

    private static final int[] SERVICE_PORTS = {Drills.REGISTRY_PORT, Drills.APPLICATION_PORT, Drills.BOOKING_PORT};

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Set<String> acknowledgedOrgs = ConcurrentHashMap.newKeySet();
    private final Set<String> createdOrgs = ConcurrentHashMap.newKeySet();
    private final Set<String> acknowledgedCalls = ConcurrentHashMap.newKeySet();
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> badAnswers = new ConcurrentLinkedQueue<>();
    /** Per service port: when its readiness first answered not-UP after the restart began, and when UP again. */
    private final Map<Integer, AtomicLong> firstDown = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicLong> upAgain = new ConcurrentHashMap<>();
    private final Map<Integer, String> downAnswer = new ConcurrentHashMap<>();

    @Test
    void servicesGoNotReadyAndRecoverOnTheirOwnAndNoAcknowledgedWriteIsLost() throws Exception {
        Drills.awaitHealthy();
        long orgsBefore = count("catapult_registry", "SELECT count(*) FROM organisation");
        long callsBefore = count("catapult_application", "SELECT count(*) FROM funding_call");
        Drills.token("siva-admin");

        ExecutorService pool = Executors.newFixedThreadPool(3 + SERVICE_PORTS.length);
        long restartBegan;
        long restartDone;
        String restartAnswer;
        Duration recovery;
        try {
            pool.submit(() -> writeLoop(this::putOrganisation));
            pool.submit(() -> writeLoop(this::putOrganisation));
            pool.submit(() -> writeLoop(this::postCall));
            Drills.sleep(3000);
            int before = totalAnswers();
            assertTrue(before > 10, "the load runs before the restart (" + before + " answers)");

            restartBegan = System.nanoTime();
            for (int port : SERVICE_PORTS) {
                pool.submit(() -> watchReadiness(port));
            }
            try {
                restartAnswer = StackControl.restart("postgres");
            } finally {
                StackControl.ensureRunning("postgres");
            }
            restartDone = System.nanoTime();
            recovery = Drills.await("every service ready again after the PostgreSQL restart", Duration.ofSeconds(60),
                    Duration.ofMillis(100), () -> Drills.ready(Drills.REGISTRY_PORT)
                            && Drills.ready(Drills.APPLICATION_PORT) && Drills.ready(Drills.BOOKING_PORT));
            // Writes keep going a while after the recovery: they must succeed again.
            Drills.sleep(4000);
        } finally {
            running.set(false);
            pool.shutdown();
            pool.awaitTermination(60, TimeUnit.SECONDS);
            pool.shutdownNow();
        }

        System.out.printf("[drill postgres-restart] control: %s%n", restartAnswer);
        System.out.printf("[drill postgres-restart] the restart call took %d ms; all services ready again %d ms "
                + "after it returned%n", (restartDone - restartBegan) / 1_000_000, recovery.toMillis());
        for (int port : SERVICE_PORTS) {
            AtomicLong down = firstDown.get(port);
            AtomicLong up = upAgain.get(port);
            System.out.printf("[drill postgres-restart] port %d: not ready first seen %s, ready again %s (%s)%n", port,
                    down == null ? "never" : "+" + (down.get() - restartBegan) / 1_000_000 + " ms",
                    up == null ? "-" : "+" + (up.get() - restartBegan) / 1_000_000 + " ms",
                    downAnswer.getOrDefault(port, "-"));
        }
        System.out.printf("[drill postgres-restart] answers by status: %s; acknowledged: %d organisations "
                        + "(%d created), %d calls%n", new TreeMap<>(statuses), acknowledgedOrgs.size(), createdOrgs.size(),
                acknowledgedCalls.size());
        badAnswers.forEach(b -> System.out.println("[drill postgres-restart] BAD " + b));

        // Every acknowledged write is there, and the row counts grew by at least the writes acknowledged as created.
        int orgsFound = countIn("catapult_registry", "SELECT count(*) FROM organisation WHERE org_no = ANY (?)",
                "varchar", acknowledgedOrgs);
        int callsFound = countIn("catapult_application", "SELECT count(*) FROM funding_call WHERE id = ANY (?)",
                "uuid", acknowledgedCalls);
        long orgsAfter = count("catapult_registry", "SELECT count(*) FROM organisation");
        long callsAfter = count("catapult_application", "SELECT count(*) FROM funding_call");
        System.out.printf("[drill postgres-restart] acknowledged writes found by JDBC: %d of %d organisations, %d of %d "
                        + "calls; rows: organisation %d -> %d (+%d, %d created by 201), funding_call %d -> %d (+%d)%n",
                orgsFound, acknowledgedOrgs.size(), callsFound, acknowledgedCalls.size(), orgsBefore, orgsAfter,
                orgsAfter - orgsBefore, createdOrgs.size(), callsBefore, callsAfter, callsAfter - callsBefore);
        // And readable through the API, too (a sample, to stay within the rate limit).
        List<String> unreadable = new ArrayList<>();
        acknowledgedOrgs.stream().limit(10).forEach(orgNo -> {
            Answer r = Drills.get("/api/v1/organisations/" + orgNo, "siva-admin");
            if (r.status() != 200) {
                unreadable.add("organisation " + orgNo + ": " + r);
            }
        });
        acknowledgedCalls.stream().limit(10).forEach(id -> {
            Answer r = Drills.get("/api/v1/calls/" + id, "siva-admin");
            if (r.status() != 200) {
                unreadable.add("call " + id + ": " + r);
            }
        });

        assertAll(
                () -> assertTrue(firstDown.size() > 0, "at least one service reported not ready during the restart"),
                () -> assertTrue(statuses.getOrDefault(201, new AtomicInteger()).get() > 0, "writes were acknowledged"),
                () -> assertEquals(acknowledgedOrgs.size(), orgsFound, "acknowledged organisations in the database"),
                () -> assertEquals(acknowledgedCalls.size(), callsFound, "acknowledged calls in the database"),
                () -> assertTrue(orgsAfter - orgsBefore >= createdOrgs.size(), "organisation rows before/after"),
                () -> assertTrue(callsAfter - callsBefore >= acknowledgedCalls.size(), "funding_call rows before/after"),
                () -> assertEquals(List.of(), unreadable, "acknowledged writes readable through the API"),
                () -> assertEquals(List.of(), List.copyOf(badAnswers), "no 500, no other 5xx than 503, no stack "
                        + "trace, every error problem+json"));
    }

    private int totalAnswers() {
        return statuses.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private void writeLoop(Supplier<Answer> write) {
        while (running.get()) {
            try {
                write.get();
            } catch (RuntimeException | AssertionError e) {
                badAnswers.add("client error: " + e);
            }
            // Three writers at about 10 requests per second each stay below the gateway's 50/s per client.
            Drills.sleep(80);
        }
    }

    private Answer putOrganisation() {
        String orgNo = OrgNumbers.random("97");
        Answer r = call("PUT", "/api/v1/organisations/" + orgNo, "siva-admin",
                json(Map.of("name", "PostgreSQL restart drill " + orgNo + " (test data)", "kind", "COMPANY")));
        record("PUT /api/v1/organisations/" + orgNo, r);
        if (r.status() == 200 || r.status() == 201) {
            acknowledgedOrgs.add(orgNo);
            if (r.status() == 201) {
                createdOrgs.add(orgNo);
            }
        }
        return r;
    }

    private Answer postCall() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        String body = """
                {"title": "PostgreSQL restart drill %s (test data)", "description": "Drill", "kind": "PRE_PROJECT",
                 "opensAt": "%s", "closesAt": "%s",
                 "budget": {"amount": 1000000, "currency": "NOK"},
                 "maxAmountPerApplication": {"amount": 100000, "currency": "NOK"},
                 "criteria": [{"code": "relevance", "name": "Relevans", "description": "Relevans", "weight": 1.0}]}
                """.formatted(UUID.randomUUID(), now.plusDays(30), now.plusDays(60));
        Answer r = call("POST", "/api/v1/calls", "siva-admin", body);
        record("POST /api/v1/calls", r);
        if (r.status() == 201) {
            acknowledgedCalls.add(r.json().path("id").asText());
        }
        return r;
    }

    private void record(String request, Answer r) {
        statuses.computeIfAbsent(r.status(), s -> new AtomicInteger()).incrementAndGet();
        boolean acceptable = r.status() == 200 || r.status() == 201 || r.status() == 503 || r.status() == 429;
        if (!acceptable || Problems.hasStackTrace(r) || (r.status() >= 400 && !r.isProblem())) {
            badAnswers.add(request + " -> " + r);
        }
    }

    private void watchReadiness(int port) {
        while (running.get()) {
            Answer r = Drills.readiness(port);
            boolean up = r.status() == 200 && r.body().replace(" ", "").contains("\"status\":\"UP\"");
            long now = System.nanoTime();
            if (!up && !firstDown.containsKey(port)) {
                firstDown.put(port, new AtomicLong(now));
                downAnswer.put(port, r.status() + " " + r.body().replaceAll("\\s+", " ")
                        .substring(0, Math.min(160, r.body().replaceAll("\\s+", " ").length())));
            } else if (up && firstDown.containsKey(port) && !upAgain.containsKey(port)) {
                upAgain.put(port, new AtomicLong(now));
                return;
            }
            Drills.sleep(50);
        }
    }

    private static long count(String database, String sql) throws SQLException {
        try (Connection c = Drills.jdbc(database); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int countIn(String database, String sql, String type, Set<String> values) throws SQLException {
        try (Connection c = Drills.jdbc(database)) {
            Object[] array = type.equals("uuid") ? values.stream().map(UUID::fromString).toArray()
                    : new ArrayList<>(values).toArray();
            return Sql.single(c, Long.class, sql, c.createArrayOf(type, array)).intValue();
        }
    }
}
