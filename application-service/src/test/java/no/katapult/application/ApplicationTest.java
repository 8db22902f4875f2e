package no.katapult.application;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import no.katapult.common.testing.MutableClock;
import no.katapult.common.testing.TestOrgNumbers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static no.katapult.application.Fixtures.MCB;
import static no.katapult.application.Fixtures.OTHER_ORG;
import static no.katapult.application.Fixtures.PROTOMORE;
import static no.katapult.application.Fixtures.SIN;
import static no.katapult.application.Fixtures.applicant;
import static no.katapult.application.Fixtures.applicationJson;
import static no.katapult.application.Fixtures.createCall;
import static no.katapult.application.Fixtures.createDraft;
import static no.katapult.application.Fixtures.createSubmitted;
import static no.katapult.application.Fixtures.openCall;
import static no.katapult.application.Fixtures.post;
import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ApplicationTest {

    static final String APPS = "/api/v1/applications";

    @Inject
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    static String sin() {
        return applicant("applicant-sin", SIN);
    }

    @Test
    void createMakesADraftLedByTheCallersOrganisationWhateverTheBodySays() {
        String call = openCall("2000000", "200000");
        String body = applicationJson(call, "150000", "50000", MCB, PROTOMORE)
                .replace("\"callId\"", "\"leadApplicant\": {\"orgNo\": \"" + OTHER_ORG + "\", \"name\": \"Evil\"}, "
                        + "\"status\": \"APPROVED\", \"callId\"");
        Response r = post(sin(), APPS, body);
        r.then().statusCode(201)
                .header("Location", containsString("/api/v1/applications/"))
                .header("ETag", equalTo("\"0\""))
                .body("status", equalTo("DRAFT"))
                .body("reference", matchesPattern("KAT-\\d{4}-\\d{4}"))
                .body("leadApplicant.orgNo", equalTo(SIN))
                .body("leadApplicant.name", equalTo("Smart Innovation Norway (demo)"))
                .body("partners.orgNo", contains(MCB, PROTOMORE))
                .body("budgetLines[0].category", equalTo("PERSONNEL"))
                .body("budgetLines[0].amount.amount", equalTo(200000.0f))
                .body("requestedAmount.amount", equalTo(150000.0f))
                .body("ownFunding.amount", equalTo(50000.0f))
                .body("decision", nullValue())
                .body("version", equalTo(0));
        String id = r.path("id");
        given().auth().oauth2(sin()).get(APPS + "/" + id).then().statusCode(200)
                .header("ETag", equalTo("\"0\"")).body("leadApplicant.orgNo", equalTo(SIN));
        String year = String.valueOf(java.time.ZonedDateTime.now(java.time.ZoneId.of("Europe/Oslo")).getYear());
        assertTrue(r.<String>path("reference").startsWith("KAT-" + year + "-"));
    }

    @Test
    void createNeedsAnApplicantWithAnOrganisationAndAKnownOpenCall() {
        String call = openCall("2000000", "200000");
        assertProblem(post(no.katapult.common.testing.TestTokens.user("no-org", "applicant").sign(), APPS,
                applicationJson(call, "1", "0")), 403);
        assertProblem(post(sin(), APPS, "{\"title\": \"Uten utlysning\"}"), 400, "validation")
                .then().body("errors[0].field", equalTo("callId"));
        assertProblem(post(sin(), APPS, applicationJson(java.util.UUID.randomUUID().toString(), "1", "0")), 422,
                "unknown-call");
        Instant now = Instant.now();
        String closed = createCall(now.minus(3, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS), "100000", "100000");
        assertProblem(post(sin(), APPS, applicationJson(closed, "1", "0")), 422, "call-closed");
        String upcoming = createCall(now.plus(3, ChronoUnit.DAYS), now.plus(9, ChronoUnit.DAYS), "100000", "100000");
        post(sin(), APPS, applicationJson(upcoming, "1", "0")).then().statusCode(201);
    }

    @Test
    void referencesAreUniqueAndSequentialEvenWhenCreatedConcurrently() throws Exception {
        String call = openCall("2000000", "200000");
        int n = 12;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String token = applicant("applicant-" + i, TestOrgNumbers.fresh());
            Callable<String> task = () -> {
                start.await();
                return post(token, APPS, applicationJson(call, "1000", "0")).then().statusCode(201)
                        .extract().path("reference");
            };
            futures.add(pool.submit(task));
        }
        start.countDown();
        List<Integer> numbers = new ArrayList<>();
        for (Future<String> f : futures) {
            String ref = f.get();
            numbers.add(Integer.parseInt(ref.substring(ref.lastIndexOf('-') + 1)));
        }
        pool.shutdown();
        assertEquals(n, new HashSet<>(numbers).size(), "unique references: " + numbers);
        numbers.sort(null);
        assertEquals(n - 1, numbers.get(n - 1) - numbers.get(0), "no gaps: " + numbers);
    }

    @Test
    void idempotencyKeyReplaysTheFirstResponseAndRefusesAnotherBody() {
        String call = openCall("2000000", "200000");
        String org = TestOrgNumbers.fresh();
        RegistryStub.answer(org, new RegistryStub.Answer(200, "Idempotent AS", Duration.ZERO));
        String token = applicant(Fixtures.unique("applicant"), org);
        String body = applicationJson(call, "100000", "0");
        String key = java.util.UUID.randomUUID().toString();

        Response first = given().auth().oauth2(token).header("Idempotency-Key", key).contentType("application/json")
                .body(body).post(APPS).andReturn();
        first.then().statusCode(201).body("leadApplicant.name", equalTo("Idempotent AS"));
        assertEquals(1, RegistryStub.requests(org));
        // Same JSON, different whitespace: still the same request.
        Response again = given().auth().oauth2(token).header("Idempotency-Key", key).contentType("application/json")
                .body(body.replace("\n", "\n   ")).post(APPS).andReturn();
        again.then().statusCode(201)
                .header("Idempotent-Replayed", equalTo("true"))
                .header("Location", equalTo(first.header("Location")))
                .header("ETag", equalTo(first.header("ETag")))
                .body("id", equalTo(first.path("id")))
                .body("reference", equalTo(first.path("reference")));
        assertEquals(1, RegistryStub.requests(org), "a replay does not ask the registry again");
        given().auth().oauth2(token).get(APPS + "?callId=" + call + "&orgNo=" + org).then()
                .body("total", equalTo(1));

        assertProblem(given().auth().oauth2(token).header("Idempotency-Key", key).contentType("application/json")
                .body(applicationJson(call, "999", "0")).post(APPS).andReturn(), 422, "idempotency-key-reused");
        given().auth().oauth2(token).get(APPS + "?callId=" + call + "&orgNo=" + org).then()
                .body("total", equalTo(1));
        // Without a key, every POST creates.
        post(token, APPS, body).then().statusCode(201);
        given().auth().oauth2(token).get(APPS + "?callId=" + call + "&orgNo=" + org).then().body("total", equalTo(2));
        // A key that cannot be stored as given is refused before anything happens.
        assertProblem(given().auth().oauth2(token).header("Idempotency-Key", "has spaces").contentType("application/json")
                .body(body).post(APPS).andReturn(), 400, "validation");
        given().auth().oauth2(token).get(APPS + "?callId=" + call + "&orgNo=" + org).then().body("total", equalTo(2));
    }

    @Test
    void concurrentEditsWithTheSameIfMatchLetExactlyOneWin() throws Exception {
        String call = openCall("2000000", "200000");
        String id = createDraft(sin(), applicationJson(call, "100000", "0"));
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String title = "Utgave " + i;
            futures.add(pool.submit(() -> {
                start.await();
                return given().auth().oauth2(sin()).contentType("application/json").header("If-Match", "\"0\"")
                        .body(applicationJson(call, "100000", "0").replace("Forprosjekt industriell tjenesteutvikling", title))
                        .put(APPS + "/" + id).andReturn();
            }));
        }
        start.countDown();
        int won = 0;
        for (Future<Response> f : futures) {
            Response r = f.get();
            if (r.statusCode() == 200) {
                won++;
            } else {
                // A loser either read the new version (412) or lost the race to write it (409), never 500.
                assertProblem(r, r.statusCode() == 409 ? 409 : 412);
            }
        }
        pool.shutdown();
        assertEquals(1, won);
        given().auth().oauth2(sin()).get(APPS + "/" + id).then().header("ETag", equalTo("\"1\""));
    }

    @Test
    void partnersMustHaveValidDistinctOrganisationNumbersOtherThanTheLead() {
        String call = openCall("2000000", "200000");
        assertProblem(post(sin(), APPS, applicationJson(call, "1000", "0", "123456789")), 400, "validation")
                .then().body("errors[0].field", equalTo("partners[0].orgNo"));
        assertProblem(post(sin(), APPS, applicationJson(call, "1000", "0", MCB, PROTOMORE, MCB)), 400, "validation")
                .then().body("errors.field", contains("partners[2].orgNo"))
                .body("errors[0].message", containsString("partners[0]"));
        assertProblem(post(sin(), APPS, applicationJson(call, "1000", "0", SIN)), 400, "validation")
                .then().body("errors[0].field", equalTo("partners[0].orgNo"));
    }

    @Test
    void putRequiresIfMatchAndRecordsTheEdit() {
        String call = openCall("2000000", "200000");
        String id = createDraft(sin(), applicationJson(call, "100000", "0"));
        String changed = applicationJson(call, "120000", "0", MCB).replace("Forprosjekt industriell", "Endret");

        assertProblem(given().auth().oauth2(sin()).contentType("application/json").body(changed)
                .put(APPS + "/" + id).andReturn(), 428, "precondition-required");
        assertProblem(given().auth().oauth2(sin()).contentType("application/json").header("If-Match", "\"5\"")
                .body(changed).put(APPS + "/" + id).andReturn(), 412, "precondition-failed");
        given().auth().oauth2(sin()).contentType("application/json").header("If-Match", "\"0\"").body(changed)
                .put(APPS + "/" + id).then().statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("title", equalTo("Endret tjenesteutvikling"))
                .body("requestedAmount.amount", equalTo(120000.0f))
                .body("partners.orgNo", contains(MCB));
        // The version read before the edit is stale now.
        assertProblem(given().auth().oauth2(sin()).contentType("application/json").header("If-Match", "\"0\"")
                .body(changed).put(APPS + "/" + id).andReturn(), 412);
        assertProblem(given().auth().oauth2(sin()).contentType("application/json").header("If-Match", "\"1\"")
                .body(changed.replace(call, openCall("1000", "1000"))).put(APPS + "/" + id).andReturn(),
                422, "call-immutable");
        given().auth().oauth2(sin()).get(APPS + "/" + id + "/history").then().statusCode(200)
                .body("items.action", contains("CREATE", "EDIT"))
                .body("items[1].actor", equalTo("applicant-sin"))
                .body("items[1].comment", containsString("title"))
                .body("items[1].comment", containsString("partners"));
    }

    @Test
    void anApplicantOfAnotherOrganisationGets404OnADraft() {
        String call = openCall("2000000", "200000");
        String id = createDraft(sin(), applicationJson(call, "100000", "0", MCB));
        String stranger = applicant("applicant-other", OTHER_ORG);
        String path = APPS + "/" + id;

        assertProblem(given().auth().oauth2(stranger).get(path).andReturn(), 404, "not-found");
        assertProblem(given().auth().oauth2(stranger).contentType("application/json").header("If-Match", "\"0\"")
                .body(applicationJson(call, "1", "0")).put(path).andReturn(), 404);
        assertProblem(post(stranger, path + "/submit", null), 404);
        assertProblem(post(stranger, path + "/withdraw", null), 404);
        assertProblem(given().auth().oauth2(stranger).get(path + "/history").andReturn(), 404);
        assertProblem(given().auth().oauth2(Fixtures.reviewer("reviewer-nobody", Fixtures.REVIEWER_ORG)).get(path)
                .andReturn(), 404);
        assertProblem(given().auth().oauth2(Fixtures.partner()).get(path).andReturn(), 404);
        given().auth().oauth2(stranger).get(APPS + "?callId=" + call).then().statusCode(200)
                .body("total", equalTo(0)).body("items", empty());

        // A partner organisation's applicant sees the application but cannot change it.
        String partnerApplicant = applicant("applicant-mcb", MCB);
        given().auth().oauth2(partnerApplicant).get(path).then().statusCode(200).body("id", equalTo(id));
        assertProblem(given().auth().oauth2(partnerApplicant).contentType("application/json").header("If-Match", "\"0\"")
                .body(applicationJson(call, "1", "0")).put(path).andReturn(), 403);
        assertProblem(post(partnerApplicant, path + "/submit", null), 403);
    }

    @Test
    void listFiltersByCallStatusOrganisationAndText() {
        String call = openCall("2000000", "200000");
        String draft = createDraft(sin(), applicationJson(call, "100000", "0", MCB));
        String submitted = createSubmitted(sin(), call, "100000");
        String other = createDraft(applicant("applicant-protomore", PROTOMORE),
                applicationJson(call, "100000", "0").replace("Forprosjekt industriell", "Havbruk"));
        String admin = Fixtures.admin();

        given().auth().oauth2(admin).get(APPS + "?callId=" + call).then().statusCode(200)
                .body("total", equalTo(3)).body("items.id", containsInAnyOrder(draft, submitted, other))
                .body("page", equalTo(0)).body("size", equalTo(20));
        given().auth().oauth2(admin).get(APPS + "?callId=" + call + "&status=SUBMITTED").then()
                .body("items.id", contains(submitted));
        given().auth().oauth2(admin).get(APPS + "?callId=" + call + "&orgNo=" + MCB).then()
                .body("items.id", contains(draft));
        given().auth().oauth2(admin).get(APPS + "?callId=" + call + "&q=havbruk").then()
                .body("items.id", contains(other));
        given().auth().oauth2(admin).get(APPS + "?callId=" + call + "&size=2&page=1").then()
                .body("items", org.hamcrest.Matchers.hasSize(1)).body("total", equalTo(3));
        // Each applicant sees what their organisation leads or partners in.
        given().auth().oauth2(sin()).get(APPS + "?callId=" + call).then()
                .body("items.id", containsInAnyOrder(draft, submitted));
        given().auth().oauth2(applicant("applicant-mcb", MCB)).get(APPS + "?callId=" + call).then()
                .body("items.id", contains(draft));
        given().auth().oauth2(applicant("applicant-protomore", PROTOMORE)).get(APPS + "?callId=" + call).then()
                .body("items.id", contains(other));
    }

    @Test
    void submitListsEveryMissingItem() {
        String call = openCall("2000000", "200000");
        String empty = createDraft(sin(), "{\"callId\": \"" + call + "\"}");
        assertProblem(post(sin(), APPS + "/" + empty + "/submit", null), 422, "incomplete-application")
                .then().body("errors.field", containsInAnyOrder("title", "summary", "budgetLines", "requestedAmount",
                        "attachments"));

        // Too much requested, and lines that do not add up to requested + own funding.
        String body = applicationJson(call, "250000", "50000").replace("\"amount\": 300000", "\"amount\": 310000");
        String wrong = createDraft(sin(), body);
        Fixtures.attachProjectDescription(sin(), wrong);
        assertProblem(post(sin(), APPS + "/" + wrong + "/submit", null), 422, "incomplete-application")
                .then().body("errors.field", containsInAnyOrder("requestedAmount", "budgetLines"))
                .body("errors.message", hasItem(containsString("200000.00")))
                .body("errors.message", hasItem(containsString("310000.00")));
        given().auth().oauth2(sin()).get(APPS + "/" + wrong).then().body("status", equalTo("DRAFT"));
    }

    @Test
    void submitOneSecondAfterTheDeadlineIs422AndOneSecondBeforeSucceeds() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant closesAt = now.plus(2, ChronoUnit.HOURS);
        String call = createCall(now.minus(1, ChronoUnit.DAYS), closesAt, "1000000", "200000");
        String late = createDraft(sin(), applicationJson(call, "100000", "0"));
        String onTime = createDraft(sin(), applicationJson(call, "100000", "0"));
        Fixtures.attachProjectDescription(sin(), onTime);

        clock.set(closesAt.plusSeconds(1));
        assertProblem(post(sin(), APPS + "/" + late + "/submit", null), 422, "deadline-passed")
                .then().body("detail", containsString("Europe/Oslo"));
        given().auth().oauth2(sin()).get("/api/v1/calls/" + call).then().body("state", equalTo("CLOSED"));
        clock.set(closesAt);
        assertProblem(post(sin(), APPS + "/" + late + "/submit", null), 422, "deadline-passed");

        clock.set(closesAt.minusSeconds(1));
        post(sin(), APPS + "/" + onTime + "/submit", null).then().statusCode(200).body("status", equalTo("SUBMITTED"));
        given().auth().oauth2(sin()).get(APPS + "/" + late).then().body("status", equalTo("DRAFT"));
    }

    @Test
    void submitBeforeTheCallOpensIs422() {
        Instant now = Instant.now();
        String call = createCall(now.plus(1, ChronoUnit.DAYS), now.plus(10, ChronoUnit.DAYS), "1000000", "200000");
        String id = createDraft(sin(), applicationJson(call, "100000", "0"));
        assertProblem(post(sin(), APPS + "/" + id + "/submit", null), 422, "call-not-open");
    }

    @Test
    void illegalTransitionsAre409NamingTheAllowedOnes() {
        String call = openCall("2000000", "200000");
        String id = createSubmitted(sin(), call, "100000");
        String path = APPS + "/" + id;

        assertProblem(post(sin(), path + "/submit", null), 409, "illegal-transition")
                .then().body("currentStatus", equalTo("SUBMITTED"))
                .body("allowedTransitions.operation", containsInAnyOrder("assign-reviewers", "withdraw"))
                .body("detail", containsString("withdraw"));
        assertProblem(given().auth().oauth2(sin()).contentType("application/json").header("If-Match", "\"1\"")
                .body(applicationJson(call, "1", "0")).put(path).andReturn(), 409, "illegal-transition")
                .then().body("allowedFrom", contains("DRAFT"));
        assertProblem(given().auth().oauth2(Fixtures.admin()).contentType("application/json")
                .body(Fixtures.approval("1000")).post(path + "/decision").andReturn(), 409, "illegal-transition")
                .then().body("allowedFrom", contains("UNDER_REVIEW"));

        given().auth().oauth2(sin()).contentType("application/json").body("{\"comment\": \"Vi trekker oss\"}")
                .post(path + "/withdraw").then().statusCode(200).body("status", equalTo("WITHDRAWN"));
        assertProblem(post(sin(), path + "/withdraw", null), 409, "illegal-transition")
                .then().body("allowedTransitions", empty());
        given().auth().oauth2(sin()).get(path + "/history").then()
                .body("items.action", contains("CREATE", "ADD_ATTACHMENT", "SUBMIT", "WITHDRAW"))
                .body("items[2].fromStatus", equalTo("DRAFT"))
                .body("items[2].toStatus", equalTo("SUBMITTED"))
                .body("items[3].fromStatus", equalTo("SUBMITTED"))
                .body("items[3].toStatus", equalTo("WITHDRAWN"))
                .body("items[3].comment", equalTo("Vi trekker oss"))
                .body("items.actor", hasItems("applicant-sin"));
    }

    @Test
    void aDraftCanBeWithdrawnAndActionsHonourIfMatch() {
        String call = openCall("2000000", "200000");
        String id = createDraft(sin(), applicationJson(call, "100000", "0"));
        assertProblem(given().auth().oauth2(sin()).header("If-Match", "\"9\"").post(APPS + "/" + id + "/withdraw")
                .andReturn(), 412);
        given().auth().oauth2(sin()).header("If-Match", "\"0\"").post(APPS + "/" + id + "/withdraw")
                .then().statusCode(200).body("status", equalTo("WITHDRAWN")).header("ETag", equalTo("\"1\""));
    }

    @Test
    void aWithdrawalBodyIsAnObjectOrNothing() {
        // Found by the e2e hostile-input sweep (issue 11): the JSON document null was a 500.
        String call = openCall("2000000", "200000");
        for (String notAnObject : java.util.List.of("12", "\"x\"", "[]", "true", "{\"comment\": 12}")) {
            String draft = createDraft(sin(), applicationJson(call, "100000", "0"));
            assertProblem(given().auth().oauth2(sin()).contentType("application/json").body(notAnObject)
                    .post(APPS + "/" + draft + "/withdraw").andReturn(), 400);
        }
        String id = createDraft(sin(), applicationJson(call, "100000", "0"));
        given().auth().oauth2(sin()).contentType("application/json").body("null").post(APPS + "/" + id + "/withdraw")
                .then().statusCode(200).body("status", equalTo("WITHDRAWN"));
    }
}
