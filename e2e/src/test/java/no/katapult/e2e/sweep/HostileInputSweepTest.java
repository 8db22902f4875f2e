package no.katapult.e2e.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import no.katapult.client.Answer;
import no.katapult.client.OrgNumbers;
import no.katapult.e2e.Problems;
import no.katapult.e2e.Slots;
import no.katapult.e2e.Suite;
import no.katapult.e2e.drills.Drills;
import no.katapult.e2e.sweep.Attacks.Case;
import no.katapult.e2e.sweep.Contract.Operation;
import no.katapult.e2e.sweep.Contract.Param;
import no.katapult.e2e.sweep.Pacer.Budget;
import no.katapult.e2e.sweep.RawHttp.Header;
import no.katapult.e2e.sweep.RawHttp.Target;
import net.jqwik.api.sessions.JqwikSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import static no.katapult.e2e.Suite.setting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract-driven hostile-input sweep (issue 11, point 1). It reads the merged OpenAPI document from the running
 * gateway and attacks every operation in every parameter location (path, query, header, body) with the classes of
 * {@link Hostile}: numbers, text, invalid encodings, parameters, dates that do not exist, whole bodies, wrong types,
 * the 413/414/431 limits and jqwik-generated values ({@link Attacks} derives the cases from each operation's
 * parameters and request schema). Each case goes four ways: through the gateway and straight to the service that owns
 * the operation (the contract's {@code x-tagGroups} name it), each with a token of a role the operation allows and
 * without one. Cases that carry their own Authorization header go once per target.
 *
 * <p>Every answer must be a 2xx (some hostile input is valid input: an emoji in a name) or a 4xx
 * {@code application/problem+json} with the API guide's members ({@link Problems#defects}); never a 5xx, never no
 * answer, never another content type for an error; a limit case must get its 413, 414 or 431. Requests through the
 * gateway are paced below its rate limits ({@link Pacer}); a 429 that slips through is counted apart and the request
 * is sent again after Retry-After. Counts are printed per status class, class of input, location, target and
 * operation; the last line is {@code sweep: N requests, ...} for CI.
 *
 * <p>Settings (system property, else environment): {@code sweep.seed} / {@code SWEEP_SEED} (default fixed, so that
 * a run can be repeated), {@code sweep.threads}, {@code sweep.gateway.rate} (requests per second per client address,
 * default 240 of the gateway's 300), {@code sweep.subject.rate} (per token subject, default 40 of 50),
 * {@code sweep.availability.rate} (default 16 of 20), and {@code E2E_SERVICE_URLS}
 * ({@code name=url,...}) for services that are not on the default ports 8081-8084.
 */
class HostileInputSweepTest {

    static final long SEED = Long.parseLong(setting("sweep.seed", "SWEEP_SEED", "20270328"));
    private static final int THREADS = Integer.parseInt(setting("sweep.threads", "SWEEP_THREADS", "12"));
    private static final double IP_RATE = Double.parseDouble(setting("sweep.gateway.rate", "SWEEP_GATEWAY_RATE", "240"));
    private static final double SUBJECT_RATE = Double.parseDouble(setting("sweep.subject.rate", "SWEEP_SUBJECT_RATE", "40"));
    private static final double AVAILABILITY_RATE = Double.parseDouble(
            setting("sweep.availability.rate", "SWEEP_AVAILABILITY_RATE", "16"));
    private static final int MIN_REQUESTS = 5_000;
    private static final String GATEWAY = "gateway";
    private static final String ANONYMOUS = "anonymous";
    private static final String OWN = "own Authorization";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The key prefix of the sandbox resources that the actions on a resource ({@code /{id}/submit}) act on. */
    private static final String ACTIONS = "actions:";
    /** The organisation of the demo user sme-anna (README). */
    private static final String SME_ANNA_ORG_NO = "910000012";

    /** Demo users by realm role (password = user name); the partner is a client. */
    private static final Map<String, List<String>> USERS = new LinkedHashMap<>();

    static {
        USERS.put("siva-admin", List.of("siva-admin"));
        USERS.put("sme", List.of("sme-anna", "sme-bjorn"));
        USERS.put("applicant", List.of("applicant-sin", "applicant-mcb"));
        USERS.put("reviewer", List.of("reviewer-1", "reviewer-2"));
        USERS.put("centre-operator", List.of("operator-halden", "operator-digicat"));
        USERS.put("partner", List.of("client:" + Suite.PARTNER));
    }

    /** One request and its final answer. */
    record Outcome(Case c, String target, String auth, Answer answer, int rateLimited, List<String> defects) {
        String verdict() {
            int s = answer.status();
            if (s == 0) {
                return "no answer";
            }
            if (s >= 500) {
                return "5xx";
            }
            if (!defects.isEmpty()) {
                return "not a problem";
            }
            return c.codecRefusal() && !answer.isProblem() ? "refused by the codec" : "ok";
        }

        boolean ok() {
            return verdict().equals("ok") || verdict().equals("refused by the codec");
        }

        String statusClass() {
            int s = answer.status();
            return s == 0 ? "none" : s == 429 ? "429" : (s / 100) + "xx";
        }

        String finding() {
            return c.op().label() + " [" + c.location() + ", " + c.cls() + ": " + c.label() + "] -> " + target + ", "
                    + auth + ": " + answer.status() + " " + answer.contentType()
                    + (defects.isEmpty() ? "" : " " + defects) + " " + excerpt(answer.body());
        }
    }

    private static Contract contract;
    private static final Map<String, String> IDS = new ConcurrentHashMap<>();
    private static final Map<String, String> ETAGS = new ConcurrentHashMap<>();
    private static final List<Outcome> OUTCOMES = Collections.synchronizedList(new ArrayList<>());
    private static final List<String> PROBLEMS_BEFORE = new ArrayList<>();
    private static final Map<String, Target> SERVICES = new LinkedHashMap<>();
    private static final AtomicLong SENT = new AtomicLong();
    private static final AtomicInteger GATEWAY_SENT = new AtomicInteger();
    private static final AtomicInteger RATE_LIMITED = new AtomicInteger();
    private static final RawHttp HTTP = new RawHttp();
    private static final Pacer PACER = new Pacer();
    private static List<Slots.Slot> slots;
    private static String sandboxCentreCode;
    private static long millis;
    private static int caseCount;

    @BeforeAll
    static void sweep() throws InterruptedException {
        Drills.awaitHealthy();
        Answer doc = Drills.get("/q/openapi?format=json", null);
        assertEquals(200, doc.status(), doc::toString);
        contract = new Contract(doc.json());
        Target gateway = Target.of(GATEWAY, Suite.GATEWAY);
        for (String service : contract.services()) {
            serviceUrl(service).ifPresentOrElse(url -> SERVICES.put(service, Target.of(service, url)),
                    () -> PROBLEMS_BEFORE.add("the contract names service " + service + " but no URL is known for it:"
                            + " set E2E_SERVICE_URLS=" + service + "=http://host:port"));
        }
        contract.operations().stream().filter(op -> op.service() == null || !SERVICES.containsKey(op.service()))
                .forEach(op -> PROBLEMS_BEFORE.add(op.label() + ": no owning service in the contract's x-tagGroups"));
        createSandbox();

        Random random = new Random(SEED);
        List<Case> cases = new ArrayList<>();
        // A jqwik session lets the generated values of Hostile be drawn outside a property, from this seed.
        JqwikSession.run(String.valueOf(SEED), () -> {
            for (Operation op : contract.operations()) {
                cases.addAll(Attacks.of(op, baseline(op), random));
            }
        });
        caseCount = cases.size();
        List<Runnable> sends = new ArrayList<>();
        Map<String, AtomicInteger> rotation = new ConcurrentHashMap<>();
        for (Case c : cases) {
            List<Target> targets = new ArrayList<>();
            targets.add(gateway);
            Optional.ofNullable(c.op().service()).map(SERVICES::get).ifPresent(targets::add);
            for (Target t : targets) {
                if (c.ownAuth()) {
                    sends.add(() -> send(c, t, OWN));
                } else {
                    String user = userFor(c.op(), rotation);
                    sends.add(() -> send(c, t, user));
                    sends.add(() -> send(c, t, ANONYMOUS));
                }
            }
        }
        Collections.shuffle(sends, random);
        System.out.printf("[sweep] contract: %d operations of %s; %d cases, %d checks; seed %d%n",
                contract.operations().size(), contract.services(), caseCount, sends.size(), SEED);
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        AtomicInteger done = new AtomicInteger();
        for (Runnable s : sends) {
            pool.submit(() -> {
                try {
                    s.run();
                } finally {
                    int n = done.incrementAndGet();
                    if (n % 2000 == 0) {
                        System.out.printf("[sweep] ... %d of %d checks after %d s%n", n, sends.size(),
                                (System.nanoTime() - t0) / 1_000_000_000);
                    }
                }
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(20, TimeUnit.MINUTES), "the sweep did not finish in 20 minutes");
        HTTP.closeAll();
        millis = (System.nanoTime() - t0) / 1_000_000;
        report();
    }

    @AfterAll
    static void cleanUp() {
        // Hostile input that was valid after all (an emoji in a purpose) may have booked a slot: free it again.
        Set<String> booked = new LinkedHashSet<>();
        synchronized (OUTCOMES) {
            OUTCOMES.stream().filter(o -> o.c().op().method().equals("POST") && o.c().op().path().equals("/api/v1/bookings")
                            && o.answer().status() == 201)
                    .forEach(o -> booked.add(o.answer().json().path("id").asText()));
        }
        booked.add(IDS.get("bookings"));
        booked.forEach(id -> Drills.cancelQuietly(id, "Hostile-input sweep: clean-up"));
        RawHttp.shutdown();
    }

    // ---- the checks ----

    @Test
    void theContractIsSweptWhole() {
        assertEquals(List.of(), PROBLEMS_BEFORE, "the contract as the sweep read it");
        assertTrue(OUTCOMES.size() >= MIN_REQUESTS, "the sweep checked " + OUTCOMES.size() + " answers, fewer than "
                + MIN_REQUESTS);
        List<String> missed = new ArrayList<>();
        for (Operation op : contract.operations()) {
            Set<String> locations = new LinkedHashSet<>();
            Set<String> targets = new LinkedHashSet<>();
            synchronized (OUTCOMES) {
                OUTCOMES.stream().filter(o -> o.c().op() == op).forEach(o -> {
                    locations.add(o.c().location());
                    targets.add(o.target() + "/" + (o.auth().equals(ANONYMOUS) ? ANONYMOUS : o.auth().equals(OWN) ? OWN : "token"));
                });
            }
            Set<String> wanted = new LinkedHashSet<>(List.of(Attacks.QUERY, Attacks.HEADER));
            if (!op.params(Attacks.PATH).isEmpty()) {
                wanted.add(Attacks.PATH);
            }
            if (op.body() != null) {
                wanted.add(Attacks.BODY);
            }
            wanted.removeAll(locations);
            if (!wanted.isEmpty()) {
                missed.add(op.label() + " was not attacked in " + wanted);
            }
            if (targets.size() < 5) {
                missed.add(op.label() + " reached only " + targets);
            }
        }
        assertEquals(List.of(), missed, "operations the sweep did not cover");
    }

    @Test
    void noAnswerIsAServerErrorOrMissing() {
        List<String> bad = distinctFindings(o -> o.answer().status() >= 500 || o.answer().status() == 0);
        assertEquals(List.of(), bad, bad.size() + " kinds of hostile request got a 5xx or no answer");
    }

    @Test
    void everyErrorIsAProblemWithTheGuidesMembers() {
        List<String> bad = distinctFindings(o -> o.verdict().equals("not a problem"));
        assertEquals(List.of(), bad, bad.size() + " kinds of hostile request got an error that is not a complete problem");
    }

    @Test
    void rateLimitingStaysASmallShare() {
        int gatewayRequests = Math.max(1, GATEWAY_SENT.get());
        assertTrue(RATE_LIMITED.get() * 100.0 / gatewayRequests <= 2.0, RATE_LIMITED.get() + " of " + gatewayRequests
                + " gateway requests were answered 429: pace the sweep (sweep.gateway.rate, sweep.subject.rate)");
    }

    private static List<String> distinctFindings(java.util.function.Predicate<Outcome> bad) {
        Map<String, Outcome> first = new TreeMap<>();
        Map<String, Integer> count = new TreeMap<>();
        synchronized (OUTCOMES) {
            for (Outcome o : OUTCOMES) {
                if (bad.test(o)) {
                    String key = o.c().op().label() + " [" + o.c().location() + ", " + o.c().cls() + ": " + o.c().label()
                            + "] -> " + o.target() + (o.auth().equals(ANONYMOUS) ? ", anonymous" : "");
                    first.putIfAbsent(key, o);
                    count.merge(key, 1, Integer::sum);
                }
            }
        }
        return first.entrySet().stream().map(e -> count.get(e.getKey()) + "x " + e.getValue().finding()).toList();
    }

    // ---- sending ----

    private static void send(Case c, Target target, String auth) {
        String user = auth.equals(ANONYMOUS) || auth.equals(OWN) ? null : auth;
        String resource = resourceOf(c);
        int limited = 0;
        Answer answer;
        while (true) {
            RawHttp.Request request = render(c, user, resource);
            if (target.name().equals(GATEWAY)) {
                PACER.acquire(budgets(c, user));
                GATEWAY_SENT.incrementAndGet();
            }
            SENT.incrementAndGet();
            answer = HTTP.send(target, request);
            if (answer.status() != 429 || limited >= 3) {
                break;
            }
            limited++;
            RATE_LIMITED.incrementAndGet();
            long wait = answer.header("Retry-After").map(v -> {
                try {
                    return Long.parseLong(v.trim());
                } catch (NumberFormatException e) {
                    return 1L;
                }
            }).orElse(1L);
            Drills.sleep(Math.min(3, Math.max(1, wait)) * 1000);
        }
        if (answer.isSuccess() && resource != null) {
            answer.header("ETag").ifPresent(tag -> ETAGS.put(resource, tag));
        }
        OUTCOMES.add(new Outcome(c, target.name(), auth, answer, limited, defects(c, user == null && !c.ownAuth(), answer)));
    }

    /** The API guide's checks, and the limit a limit case is about. */
    private static List<String> defects(Case c, boolean anonymous, Answer a) {
        int s = a.status();
        if (s == 0 || (s >= 200 && s < 300 && c.expected().isEmpty())) {
            return List.of();
        }
        List<String> defects = new ArrayList<>();
        if (c.codecRefusal() && !a.isProblem()) {
            // Netty's refusal of a forbidden header value: a bare 400, nothing else (see Case.codecRefusal).
            if (s != 400 || !a.body().isEmpty()) {
                defects.add("a header value with a control character must be refused with the codec's 400");
            }
            return defects;
        }
        if (s < 400 || s >= 600) {
            defects.add("status " + s + " where a 2xx or a 4xx problem was due");
        } else {
            defects.addAll(Problems.defects(a));
        }
        if (!c.expected().isEmpty() && !c.expected().contains(s) && s != 429
                && !(s == 401 && (anonymous || c.ownAuth()) && !c.op().isPublic())) {
            defects.add("expected " + c.expected());
        }
        return defects;
    }

    private static RawHttp.Request render(Case c, String user, String resource) {
        List<Header> headers = new ArrayList<>();
        if (!c.hasHeader("Accept")) {
            headers.add(Header.of("Accept", "application/json"));
        }
        if (c.body() != null && c.contentType() != null && !c.hasHeader("Content-Type")) {
            headers.add(Header.of("Content-Type", c.contentType()));
        }
        if (hasParam(c.op(), "Idempotency-Key") && !c.hasHeader("Idempotency-Key")) {
            headers.add(Header.of("Idempotency-Key", UUID.randomUUID().toString()));
        }
        if (hasParam(c.op(), "If-Match") && !c.hasHeader("If-Match") && resource != null && ETAGS.containsKey(resource)) {
            headers.add(Header.of("If-Match", ETAGS.get(resource)));
        }
        if (user != null) {
            headers.add(Header.of("Authorization", "Bearer " + token(user)));
        }
        headers.addAll(c.headers());
        String method = c.op().method();
        return new RawHttp.Request(method, c.target(), headers, c.body(), c.chunked());
    }

    private static List<Budget> budgets(Case c, String user) {
        List<Budget> budgets = new ArrayList<>();
        budgets.add(new Budget("ip", IP_RATE));
        // Without a valid token the gateway keys the per-client limit on the address.
        String subject = user == null ? "anonymous" : user;
        budgets.add(new Budget("subject:" + subject, SUBJECT_RATE));
        if (c.path().startsWith("/api/v1/availability")) {
            budgets.add(new Budget("availability:" + subject, AVAILABILITY_RATE));
        }
        return budgets;
    }

    private static String token(String user) {
        return user.startsWith("client:") ? Drills.API.tokens().client(Suite.PARTNER, Suite.PARTNER_SECRET)
                : Drills.token(user);
    }

    /**
     * The user whose token goes with the operation's cases: the owner of the sweep's own resource where the path
     * names one (so that the request gets past ownership to the input), else the users of every allowed role in turn
     * (so that no single subject's rate limit paces the sweep).
     */
    private static String userFor(Operation op, Map<String, AtomicInteger> rotation) {
        List<String> roles = op.roles();
        String first = op.path().split("/").length > 3 ? op.path().split("/")[3] : "";
        if (!op.params(Attacks.PATH).isEmpty() || op.method().equals("POST") || op.method().equals("PUT")) {
            if (Set.of("bookings", "aid").contains(first) && (roles.contains("sme") || roles.contains("**"))) {
                return "sme-anna";
            }
            if (first.equals("applications") && roles.contains("applicant")) {
                return "applicant-sin";
            }
            if (roles.contains("siva-admin")) {
                return "siva-admin";
            }
            if (roles.contains("centre-operator")) {
                return "operator-halden";
            }
        }
        List<String> users = new ArrayList<>();
        // No roles (public) or "**" (any signed-in caller): every demo user in turn.
        (roles.isEmpty() || roles.contains("**") ? USERS.keySet() : roles)
                .forEach(r -> users.addAll(USERS.getOrDefault(r, List.of())));
        if (users.isEmpty()) {
            return "siva-admin";
        }
        int n = rotation.computeIfAbsent(op.label(), k -> new AtomicInteger()).getAndIncrement();
        return users.get(n % users.size());
    }

    private static boolean hasParam(Operation op, String name) {
        return op.params().stream().anyMatch(p -> p.name().equalsIgnoreCase(name));
    }

    /** The resource an operation with If-Match acts on: the path up to its id ({@code /api/v1/centres/<id>}). */
    private static String resourceOf(Case c) {
        if (!hasParam(c.op(), "If-Match")) {
            return null;
        }
        String[] segments = fill(c.op().path()).split("/");
        return segments.length >= 5 ? String.join("/", java.util.Arrays.copyOf(segments, 5)) : null;
    }

    // ---- the report ----

    private static void report() {
        List<Outcome> all;
        synchronized (OUTCOMES) {
            all = new ArrayList<>(OUTCOMES);
        }
        Map<String, Long> byClass = count(all, Outcome::statusClass);
        long fiveXx = all.stream().filter(o -> o.answer().status() >= 500).count();
        long none = all.stream().filter(o -> o.answer().status() == 0).count();
        long notProblem = all.stream().filter(o -> o.verdict().equals("not a problem")).count();
        long codec = all.stream().filter(o -> o.verdict().equals("refused by the codec")).count();
        System.out.printf("[sweep] %d checks in %.1f s (%d requests sent, %d of them to the gateway), %d cases over %d operations%n",
                all.size(), millis / 1000.0, SENT.get(), GATEWAY_SENT.get(), caseCount, contract.operations().size());
        System.out.printf("[sweep] by status class: %s%n", byClass);
        System.out.printf("[sweep] 5xx: %d; no answer: %d; errors that are not a complete problem+json: %d;"
                        + " rate-limited (429, then sent again): %d (%.2f%% of gateway requests)%n",
                fiveXx, none, notProblem, RATE_LIMITED.get(), RATE_LIMITED.get() * 100.0 / Math.max(1, GATEWAY_SENT.get()));
        System.out.printf("[sweep] refused by the HTTP codec before any handler (a control character in a header"
                + " value, RFC 9110 5.5; a bare 400, no hook: quarkus#55082): %d%n", codec);
        all.stream().sorted(java.util.Comparator.comparing((Outcome o) -> o.answer().duration()).reversed()).limit(5)
                .forEach(o -> System.out.printf("[sweep] slow: %d ms %s%n", o.answer().duration().toMillis(),
                        excerpt(o.finding())));
        table("class of input", all, o -> o.c().cls());
        table("location", all, o -> o.c().location());
        table("target", all, o -> o.target() + " / " + (o.auth().equals(ANONYMOUS) || o.auth().equals(OWN) ? o.auth()
                : "token"));
        table("operation", all, o -> o.c().op().id() + " (" + o.c().op().label() + ")");
        for (String f : distinctFindings(o -> !o.ok())) {
            System.out.println("[sweep] FAIL " + f);
        }
        System.out.printf("sweep: %d requests, %d checks, 2xx %d, 4xx %d, 429 %d, 5xx %d, no answer %d,"
                        + " non-problem errors %d, refused by the codec %d%n",
                SENT.get(), all.size(), byClass.getOrDefault("2xx", 0L), byClass.getOrDefault("4xx", 0L),
                RATE_LIMITED.get() + byClass.getOrDefault("429", 0L), fiveXx, none, notProblem, codec);
    }

    private static void table(String title, List<Outcome> all, Function<Outcome, String> key) {
        System.out.printf("[sweep] by %s:%n", title);
        Map<String, List<Outcome>> groups = all.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.toList()));
        int width = Math.min(90, groups.keySet().stream().mapToInt(String::length).max().orElse(10));
        System.out.printf("[sweep]   %-" + width + "s %6s %6s %6s %5s %5s %5s %7s %8s%n", "", "checks", "2xx", "4xx", "429",
                "5xx", "none", "bad 4xx", "codec400");
        groups.forEach((name, list) -> {
            Map<String, Long> c = count(list, Outcome::statusClass);
            long bad = list.stream().filter(o -> o.verdict().equals("not a problem")).count();
            long codec = list.stream().filter(o -> o.verdict().equals("refused by the codec")).count();
            System.out.printf("[sweep]   %-" + width + "s %6d %6d %6d %5d %5d %5d %7d %8d%n", name, list.size(),
                    c.getOrDefault("2xx", 0L), c.getOrDefault("4xx", 0L), c.getOrDefault("429", 0L),
                    c.getOrDefault("5xx", 0L), c.getOrDefault("none", 0L), bad, codec);
        });
    }

    private static Map<String, Long> count(List<Outcome> list, Function<Outcome, String> key) {
        return list.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
    }

    private static String excerpt(String body) {
        String b = RawHttp.printable(body.replaceAll("\\s+", " "));
        return b.length() > 240 ? b.substring(0, 240) + "..." : b;
    }

    // ---- the services ----

    private static final Map<String, String> DEFAULT_SERVICE_PORTS = Map.of(
            "catapult-registry", setting("e2e.registry.port", "REGISTRY_PORT", "8081"),
            "application-service", setting("e2e.application.port", "APPLICATION_PORT", "8082"),
            "facility-booking", setting("e2e.booking.port", "BOOKING_PORT", "8083"),
            "event-hub", setting("e2e.event-hub.port", "EVENT_HUB_PORT", "8084"));

    private static Optional<String> serviceUrl(String service) {
        for (String pair : setting("e2e.service.urls", "E2E_SERVICE_URLS", "").split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).trim().equals(service)) {
                return Optional.of(pair.substring(eq + 1).trim());
            }
        }
        String port = DEFAULT_SERVICE_PORTS.get(service);
        return port == null ? Optional.empty() : Optional.of("http://localhost:" + port);
    }

    // ---- the sandbox: the sweep's own resources, so that paths name real ids and nothing touches demo data ----

    private static void createSandbox() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        sandboxCentreCode = "sweep-" + tag;
        ObjectNode centre = example("/api/v1/centres", "POST");
        centre.put("code", sandboxCentreCode);
        centre.put("name", "Hostile-input sweep centre (test data)");
        centre.put("kind", "NATIONAL_CENTRE");
        centre.remove("parentCentreId");
        IDS.put("centres", created("/api/v1/centres", "siva-admin", centre));

        ObjectNode facility = example("/api/v1/facilities", "POST");
        facility.put("centreId", IDS.get("centres"));
        facility.put("name", "Hostile-input sweep facility (test data)");
        IDS.put("facilities", created("/api/v1/facilities", "siva-admin", facility));

        ObjectNode equipment = example("/api/v1/equipment", "POST");
        equipment.put("facilityId", IDS.get("facilities"));
        equipment.put("name", "Hostile-input sweep equipment (test data)");
        IDS.put("equipment", created("/api/v1/equipment", "siva-admin", equipment));

        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        ObjectNode call = example("/api/v1/calls", "POST");
        call.put("title", "Hostile-input sweep call (test data) " + tag);
        call.put("opensAt", now.minusHours(1).toString());
        call.put("closesAt", now.plusDays(30).toString());
        IDS.put("calls", created("/api/v1/calls", "siva-admin", call));

        ObjectNode application = example("/api/v1/applications", "POST");
        application.put("callId", IDS.get("calls"));
        application.put("title", "Hostile-input sweep application (test data)");
        IDS.put("applications", created("/api/v1/applications", "applicant-sin", application));
        // A second one for the actions (submit, withdraw, decision, reviewers): the first valid submit would
        // otherwise end the draft, and every later edit would stop at 409 before its input is looked at.
        IDS.put(ACTIONS + "applications", created("/api/v1/applications", "applicant-sin", application));

        String orgNo = OrgNumbers.random("96");
        Answer org = Drills.call("PUT", "/api/v1/organisations/" + orgNo, "siva-admin",
                Drills.json(Map.of("name", "Hostile-input sweep organisation (test data)", "kind", "COMPANY")));
        assertTrue(org.status() == 201 || org.status() == 200, org::toString);
        IDS.put("organisations", orgNo);

        slots = Drills.freeSlots(2);
        IDS.put("bookings", Drills.book(slots.get(0), "Hostile-input sweep: target of the booking actions (test data)"));
        for (String key : List.of("centres", "facilities", "equipment", "calls", "applications",
                ACTIONS + "applications", "organisations", "bookings")) {
            String collection = key.replace(ACTIONS, "");
            String path = "/api/v1/" + collection + "/" + IDS.get(key);
            String owner = switch (collection) {
                case "applications" -> "applicant-sin";
                case "bookings" -> "sme-anna";
                default -> "siva-admin";
            };
            Answer r = Drills.get(path, owner);
            r.header("ETag").ifPresent(tag1 -> ETAGS.put(path, tag1));
        }
        System.out.printf("[sweep] sandbox: %s%n", IDS);
    }

    private static String created(String path, String user, JsonNode body) {
        Answer r = Drills.call("POST", path, user, Drills.json(body), Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertEquals(201, r.status(), () -> "sandbox POST " + path + ": " + r);
        return r.json().path("id").asText();
    }

    private static ObjectNode example(String path, String method) {
        for (Operation op : contract.operations()) {
            if (op.path().equals(path) && op.method().equals(method) && op.example() != null && op.example().isObject()) {
                return ((ObjectNode) op.example()).deepCopy();
            }
        }
        return NODES.objectNode();
    }

    /** The valid request an operation's cases start from. */
    private static Attacks.Baseline baseline(Operation op) {
        Map<String, String> pathValues = new LinkedHashMap<>();
        String[] segments = op.path().split("/");
        for (int i = 1; i < segments.length; i++) {
            String s = segments[i];
            if (s.startsWith("{") && s.endsWith("}")) {
                String name = s.substring(1, s.length() - 1);
                pathValues.put(name, pathValue(segments, i));
            }
        }
        List<String[]> query = new ArrayList<>();
        for (Param p : op.params(Attacks.QUERY)) {
            if (p.required()) {
                query.add(new String[]{p.name(), Hostile.enc(goodQueryValue(op, p))});
            }
        }
        ObjectNode body = null;
        if (op.body() != null) {
            body = op.example() != null && op.example().isObject() ? ((ObjectNode) op.example()).deepCopy()
                    : NODES.objectNode();
            pointAtSandbox(op, body);
        }
        return new Attacks.Baseline(fill(op.path()), pathValues, query, body);
    }

    private static String goodQueryValue(Operation op, Param p) {
        String name = p.name();
        if (name.equals("resourceType")) {
            return "FACILITY";
        }
        if (name.endsWith("Id")) {
            String collection = name.equals("resourceId") ? "facilities" : name.substring(0, name.length() - 2) + "s";
            return IDS.getOrDefault(collection.equals("facilitys") ? "facilities" : collection,
                    IDS.getOrDefault("facilities", UUID.randomUUID().toString()));
        }
        if (name.equalsIgnoreCase("orgNo")) {
            return IDS.get("organisations");
        }
        if (!p.enumValues().isEmpty()) {
            return p.enumValues().get(0);
        }
        if (p.example() != null && !p.example().isNull()) {
            return p.example().asText();
        }
        LocalDate day = Slots.nextMonday().toLocalDate().plusWeeks(1);
        if (name.equals("from") || name.equals("start")) {
            return p.format().equals("date") ? day.toString() : day.atStartOfDay(Slots.OSLO).toOffsetDateTime().toString();
        }
        if (name.equals("to") || name.equals("end")) {
            return p.format().equals("date") ? day.plusDays(1).toString()
                    : day.plusDays(1).atStartOfDay(Slots.OSLO).toOffsetDateTime().toString();
        }
        return p.type().equals("integer") || p.type().equals("number") ? "1" : "a";
    }

    private static void pointAtSandbox(Operation op, ObjectNode body) {
        replaceIfPresent(body, "callId", IDS.get("calls"));
        replaceIfPresent(body, "centreId", IDS.get("centres"));
        replaceIfPresent(body, "facilityId", IDS.get("facilities"));
        if (op.path().equals("/api/v1/bookings")) {
            Slots.Slot slot = slots.get(1);
            body.put("resourceType", "FACILITY");
            body.put("resourceId", slot.facilityId());
            body.put("start", slot.start().toString());
            body.put("end", slot.end().toString());
        }
        if (op.path().startsWith("/api/v1/centres")) {
            body.put("code", op.path().contains("{") ? sandboxCentreCode : "sweep-" + UUID.randomUUID().toString().substring(0, 8));
            body.put("kind", "NATIONAL_CENTRE");
            body.remove("parentCentreId");
            // The contract's example of a replacement phases the centre out: the sweep's facilities need it open.
            body.put("status", "ESTABLISHED");
        }
    }

    private static void replaceIfPresent(ObjectNode node, String field, String value) {
        if (node.has(field) && value != null) {
            node.put(field, value);
        }
    }

    /** The template with the sandbox's ids (a random UUID where the sweep has none: a 404 is a fine answer). */
    private static String fill(String template) {
        String[] segments = template.split("/");
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < segments.length; i++) {
            String s = segments[i];
            if (s.startsWith("{")) {
                s = pathValue(segments, i);
            }
            sb.append('/').append(s);
        }
        return sb.toString();
    }

    /**
     * The sandbox's id for the collection the segment follows; an organisation number where the path asks for one
     * (sme-anna's for her aid); else a fixed UUID that names nothing (a 404 is a fine answer).
     */
    private static String pathValue(String[] segments, int i) {
        String collection = segments[i - 1];
        boolean action = i + 1 < segments.length && !segments[i + 1].startsWith("{");
        if (action && IDS.containsKey(ACTIONS + collection)) {
            return IDS.get(ACTIONS + collection);
        }
        if (IDS.containsKey(collection)) {
            return IDS.get(collection);
        }
        if (segments[i].equalsIgnoreCase("{orgNo}")) {
            return SME_ANNA_ORG_NO;
        }
        return new UUID(SEED, i).toString();
    }
}
