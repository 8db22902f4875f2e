package no.katapult.application.decision;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import no.katapult.application.Fixtures;
import no.katapult.common.testing.QueryPlans;
import no.katapult.common.testing.TestOrgNumbers;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static no.katapult.application.Fixtures.MCB;
import static no.katapult.application.Fixtures.PROTOMORE;
import static no.katapult.application.Fixtures.REVIEWER_ORG;
import static no.katapult.application.Fixtures.SIN;
import static no.katapult.application.Fixtures.admin;
import static no.katapult.application.Fixtures.applicant;
import static no.katapult.application.Fixtures.approval;
import static no.katapult.application.Fixtures.createSubmitted;
import static no.katapult.application.Fixtures.createUnderReview;
import static no.katapult.application.Fixtures.openCall;
import static no.katapult.application.Fixtures.partner;
import static no.katapult.application.Fixtures.post;
import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class DecisionTest {

    static final String APPS = "/api/v1/applications";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SessionFactory sessionFactory;

    static String sin() {
        return applicant("applicant-sin", SIN);
    }

    static Response decide(String id, String body) {
        return given().auth().oauth2(admin()).contentType("application/json").body(body)
                .post(APPS + "/" + id + "/decision").andReturn();
    }

    @Test
    void decidingAgainReusesTheQueryPlans() {
        String call = openCall("1000000", "200000");
        decide(createUnderReview(sin(), call, "150000", MCB), approval("140000")).then().statusCode(200);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(createUnderReview(sin(), call, "150000", MCB));
        }
        int before = QueryPlans.cached(sessionFactory);
        for (String id : ids) {
            decide(id, approval("100000")).then().statusCode(200);
        }
        int added = QueryPlans.cached(sessionFactory) - before;
        assertTrue(added <= 1, "5 decisions of one shape added " + added + " query plans");
    }

    @Test
    void approvalRecordsTheDecisionAndTheGrantedTotal() {
        String call = openCall("1000000", "200000");
        String id = createUnderReview(sin(), call, "150000", MCB);
        decide(id, approval("140000")).then().statusCode(200)
                .header("ETag", notNullValue())
                .body("status", equalTo("APPROVED"))
                .body("decision.outcome", equalTo("APPROVED"))
                .body("decision.grantedAmount.amount", equalTo(140000.0f))
                .body("decision.conditions", equalTo("Sluttrapport"))
                .body("decision.justification", equalTo("Godt prosjekt"))
                .body("decision.decidedAt", notNullValue());
        given().auth().oauth2(admin()).get("/api/v1/calls/" + call).then()
                .body("grantedTotal.amount", equalTo(140000.0f))
                .body("remainingBudget.amount", equalTo(860000.0f));
        given().auth().oauth2(sin()).get(APPS + "/" + id + "/history").then()
                .body("items.action", contains("CREATE", "ADD_ATTACHMENT", "SUBMIT", "ASSIGN_REVIEWERS", "DECIDE"))
                .body("items[4].fromStatus", equalTo("UNDER_REVIEW"))
                .body("items[4].toStatus", equalTo("APPROVED"))
                .body("items[4].comment", containsString("Godt prosjekt"));
        assertProblem(post(sin(), APPS + "/" + id + "/withdraw", null), 409, "illegal-transition");
        assertProblem(decide(id, approval("1000")), 409, "illegal-transition");
    }

    @Test
    void decisionRulesAreChecked() {
        String call = openCall("1000000", "200000");
        String id = createUnderReview(sin(), call, "150000");

        assertProblem(decide(id, "{\"outcome\": \"APPROVED\", \"grantedAmount\": " + Fixtures.money("1000") + "}"),
                400, "validation").then().body("errors.field", contains("justification"));
        assertProblem(decide(id, "{\"outcome\": \"APPROVED\", \"justification\": \" \"}"), 400, "validation");
        assertProblem(decide(id, "{\"outcome\": \"APPROVED\", \"justification\": \"Bra\"}"), 400, "validation")
                .then().body("errors[0].field", equalTo("grantedAmount"));
        assertProblem(decide(id, approval("0")), 400, "validation");
        assertProblem(decide(id, approval("150000.01")), 422, "granted-exceeds-requested")
                .then().body("requestedAmount.amount", equalTo(150000.0f));
        assertProblem(decide(id, "{\"outcome\": \"REJECTED\", \"grantedAmount\": " + Fixtures.money("10")
                + ", \"justification\": \"Nei\"}"), 400, "validation");
        assertProblem(decide(id, "{\"outcome\": \"MAYBE\", \"justification\": \"?\"}"), 400, "validation");
        assertProblem(given().auth().oauth2(sin()).contentType("application/json").body(approval("1"))
                .post(APPS + "/" + id + "/decision").andReturn(), 403);

        decide(id, "{\"outcome\": \"REJECTED\", \"justification\": \"Svak forankring\"}").then().statusCode(200)
                .body("status", equalTo("REJECTED"))
                .body("decision.grantedAmount", nullValue());
        given().auth().oauth2(admin()).get("/api/v1/calls/" + call).then().body("grantedTotal.amount", equalTo(0.0f));
    }

    @Test
    void anApprovalBeyondTheRemainingBudgetIs422WithTheRemainder() {
        String call = openCall("300000", "200000");
        String first = createUnderReview(sin(), call, "200000");
        String second = createUnderReview(sin(), call, "200000");
        decide(first, approval("200000")).then().statusCode(200);
        assertProblem(decide(second, approval("150000")), 422, "budget-exceeded")
                .then().body("remainingBudget.amount", equalTo(100000.0f))
                .body("remainingBudget.currency", equalTo("NOK"))
                .body("detail", containsString("100000.00"));
        decide(second, approval("100000")).then().statusCode(200);
        given().auth().oauth2(admin()).get("/api/v1/calls/" + call).then()
                .body("grantedTotal.amount", equalTo(300000.0f)).body("remainingBudget.amount", equalTo(0.0f));

        // The budget cannot be cut below what is granted.
        String callJson = given().auth().oauth2(admin()).get("/api/v1/calls/" + call).asString()
                .replace("\"amount\":300000.00", "\"amount\":250000.00");
        assertProblem(given().auth().oauth2(admin()).contentType("application/json").body(callJson)
                .put("/api/v1/calls/" + call).andReturn(), 422, "budget-below-granted");
    }

    @Test
    void twentyConcurrentApprovalsNeverOverspendTheBudget() throws Exception {
        // 1,000,000 fits six grants of 150,000 (900,000) and not a seventh.
        String call = openCall("1000000", "200000");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(createUnderReview(applicant("applicant-" + i, TestOrgNumbers.fresh()), call, "150000"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> futures = new ArrayList<>();
        for (String id : ids) {
            Callable<Response> task = () -> {
                start.await();
                return decide(id, approval("150000"));
            };
            futures.add(pool.submit(task));
        }
        start.countDown();
        int approved = 0;
        int refused = 0;
        for (Future<Response> f : futures) {
            Response r = f.get();
            if (r.statusCode() == 200) {
                approved++;
            } else {
                assertProblem(r, 422, "budget-exceeded");
                assertEquals(0, new BigDecimal("100000").compareTo(new BigDecimal(r.jsonPath().getString("remainingBudget.amount"))));
                refused++;
            }
        }
        pool.shutdown();
        assertEquals(6, approved, "exactly the approvals that fit succeed");
        assertEquals(14, refused);
        given().auth().oauth2(admin()).get("/api/v1/calls/" + call).then()
                .body("grantedTotal.amount", equalTo(900000.0f));
        List<Float> granted = given().auth().oauth2(admin()).get(APPS + "?callId=" + call + "&status=APPROVED&size=100")
                .then().extract().path("items.decision.grantedAmount.amount");
        assertEquals(6, granted.size());
        assertTrue(granted.stream().mapToDouble(Float::doubleValue).sum() <= 1000000.0);
    }

    @Test
    void partnersSeeOnlyThePublicFieldsOfDecidedApplications() {
        String call = openCall("1000000", "200000");
        String approved = createUnderReview(sin(), call, "150000", MCB, PROTOMORE);
        String rejected = createUnderReview(sin(), call, "150000");
        String underReview = createUnderReview(sin(), call, "150000");
        String submitted = createSubmitted(sin(), call, "150000");
        String r = Fixtures.unique("reviewer");
        given().auth().oauth2(Fixtures.reviewer(r, REVIEWER_ORG)).get("/api/v1/calls").then().statusCode(200);
        Fixtures.assign(approved, "{\"reviewers\": [\"" + r + "\"]}").then().statusCode(200);
        given().auth().oauth2(Fixtures.reviewer(r, REVIEWER_ORG)).contentType("application/json")
                .body("{\"scores\": {\"relevance\": 6, \"impact\": 6, \"implementation\": 6}, \"comment\": \"Hemmelig\", "
                        + "\"recommendation\": \"APPROVE\"}")
                .put(APPS + "/" + approved + "/reviews/me").then().statusCode(200);
        decide(approved, approval("150000")).then().statusCode(200);
        decide(rejected, "{\"outcome\": \"REJECTED\", \"justification\": \"Nei\"}").then().statusCode(200);

        Response publicView = given().auth().oauth2(partner()).get(APPS + "/" + approved).andReturn();
        publicView.then().statusCode(200)
                .body("reference", notNullValue())
                .body("title", equalTo("Forprosjekt industriell tjenesteutvikling"))
                .body("leadApplicant.orgNo", equalTo(SIN))
                .body("partners.orgNo", contains(MCB, PROTOMORE))
                .body("callId", equalTo(call))
                .body("callTitle", notNullValue())
                .body("outcome", equalTo("APPROVED"))
                .body("grantedAmount.amount", equalTo(150000.0f))
                .body("decidedAt", notNullValue());
        Map<String, Object> fields = publicView.jsonPath().getMap("");
        for (String hidden : List.of("summary", "budgetLines", "requestedAmount", "ownFunding", "contactPerson",
                "decision", "status", "version")) {
            assertTrue(!fields.containsKey(hidden), "partners must not see " + hidden + ": " + fields.keySet());
        }
        assertTrue(!publicView.asString().contains(r) && !publicView.asString().contains("Hemmelig"));

        assertProblem(given().auth().oauth2(partner()).get(APPS + "/" + underReview).andReturn(), 404);
        assertProblem(given().auth().oauth2(partner()).get(APPS + "/" + submitted).andReturn(), 404);
        assertProblem(given().auth().oauth2(partner()).get(APPS + "/" + approved + "/reviews").andReturn(), 403);
        assertProblem(given().auth().oauth2(partner()).get(APPS + "/" + approved + "/history").andReturn(), 403);
        given().auth().oauth2(partner()).get(APPS + "?callId=" + call).then().statusCode(200)
                .body("total", equalTo(2))
                .body("items.id", containsInAnyOrder(approved, rejected))
                .body("items.outcome", containsInAnyOrder("APPROVED", "REJECTED"))
                .body("items[0].summary", nullValue());
    }

    @Test
    void theHistoryTableRefusesUpdatesAndDeletes() throws SQLException {
        String call = openCall("1000000", "200000");
        String id = createSubmitted(sin(), call, "100000");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            SQLException update = assertThrows(SQLException.class, () -> s.executeUpdate(
                    "UPDATE application_history SET actor = 'someone' WHERE application_id = '" + id + "'"));
            assertTrue(update.getMessage().contains("append-only"), update.getMessage());
            SQLException delete = assertThrows(SQLException.class, () -> s.executeUpdate(
                    "DELETE FROM application_history WHERE application_id = '" + id + "'"));
            assertTrue(delete.getMessage().contains("append-only"), delete.getMessage());
        }
        given().auth().oauth2(sin()).get(APPS + "/" + id + "/history").then()
                .body("items.actor", contains("applicant-sin", "applicant-sin", "applicant-sin"));
    }
}
