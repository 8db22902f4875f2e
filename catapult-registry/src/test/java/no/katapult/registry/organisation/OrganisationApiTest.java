package no.katapult.registry.organisation;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import no.katapult.common.testing.MutableClock;
import no.katapult.common.orgno.OrgNumbers;
import no.katapult.common.testing.TestOrgNumbers;
import no.katapult.common.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Year;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static no.katapult.registry.Fixtures.declaration;
import static no.katapult.registry.Fixtures.money;
import static no.katapult.registry.Fixtures.organisation;
import static no.katapult.registry.Fixtures.put;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class OrganisationApiTest {

    static final String ORGS = "/api/v1/organisations/";

    @Inject
    MutableClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void anSmeUserCreatesItsOrganisationWith201AndReplacesItWith200() {
        String orgNo = TestOrgNumbers.fresh();
        String token = TestTokens.sme("sme-test", orgNo);
        Response created = put(ORGS + orgNo, token, null, organisation(declaration(12, "18500000.00", "9200000.00", false)));
        created.then().statusCode(201)
                .header("Location", endsWith(ORGS + orgNo))
                .header("ETag", "\"0\"")
                .body("orgNo", equalTo(orgNo))
                .body("name", equalTo("Prototyp AS (test)"))
                .body("kind", equalTo("COMPANY"))
                .body("smeDeclaration.employees", equalTo(12))
                .body("smeDeclaration.annualTurnover.amount", equalTo(18500000.00f))
                .body("smeDeclaration.annualTurnover.currency", equalTo("NOK"))
                .body("smeDeclaration.balanceSheetTotal.amount", equalTo(9200000.00f))
                .body("smeDeclaration.fiscalYear", equalTo(2025))
                .body("smeDeclaration.hasLinkedEnterprises", equalTo(false))
                .body("smeClass", equalTo("SMALL"))
                .body("smeReviewRequired", equalTo(false));

        Map<String, Object> renamed = organisation(declaration(12, "18500000.00", "9200000.00", false));
        renamed.put("name", "Prototyp Holding AS (test)");
        put(ORGS + orgNo, token, "\"0\"", renamed).then().statusCode(200).header("ETag", "\"1\"")
                .body("name", equalTo("Prototyp Holding AS (test)"));
        given().auth().oauth2(token).get(ORGS + orgNo).then().statusCode(200).header("ETag", "\"1\"")
                .body("name", equalTo("Prototyp Holding AS (test)")).body("smeClass", equalTo("SMALL"));
    }

    @Test
    void readersAreSivaAdminPartnerAndTheOrganisationsOwnUsers() {
        String orgNo = TestOrgNumbers.fresh();
        put(ORGS + orgNo, TestTokens.admin(), null, organisation(null)).then().statusCode(201);

        given().auth().oauth2(TestTokens.admin()).get(ORGS + orgNo).then().statusCode(200);
        given().auth().oauth2(TestTokens.partner()).get(ORGS + orgNo).then().statusCode(200);
        given().auth().oauth2(TestTokens.sme("own-sme", orgNo)).get(ORGS + orgNo).then().statusCode(200);
        given().auth().oauth2(TestTokens.user("own-applicant", "applicant").orgNo(orgNo).sign()).get(ORGS + orgNo)
                .then().statusCode(200);
        given().auth().oauth2(TestTokens.user("own-reviewer", "reviewer").orgNo(orgNo).sign()).get(ORGS + orgNo)
                .then().statusCode(200);

        // Another organisation's users learn nothing, not even that it exists.
        String stranger = TestTokens.sme("other-sme", TestOrgNumbers.fresh());
        Response hidden = assertProblem(given().auth().oauth2(stranger).get(ORGS + orgNo).andReturn(), 404, "not-found");
        String unknownNo = TestOrgNumbers.fresh();
        Response absent = assertProblem(given().auth().oauth2(TestTokens.admin()).get(ORGS + unknownNo).andReturn(),
                404, "not-found");
        assertEquals(hidden.jsonPath().getString("title"), absent.jsonPath().getString("title"));
        assertProblem(given().auth().oauth2(TestTokens.user("other-applicant", "applicant").orgNo(TestOrgNumbers.fresh()).sign())
                .get(ORGS + orgNo).andReturn(), 404);
        assertProblem(given().auth().oauth2(TestTokens.user("nobody", "sme").sign()).get(ORGS + orgNo).andReturn(), 404);

        assertProblem(given().get(ORGS + orgNo).andReturn(), 401);
        assertProblem(given().auth().oauth2(TestTokens.operator("op", "digicat")).get(ORGS + orgNo).andReturn(), 403);
    }

    @Test
    void writersAreSivaAdminAndTheOrganisationsOwnSmeOrApplicantUsers() {
        String orgNo = TestOrgNumbers.fresh();
        Map<String, Object> body = organisation(null);
        put(ORGS + orgNo, TestTokens.user("own-applicant", "applicant").orgNo(orgNo).sign(), null, body)
                .then().statusCode(201);
        put(ORGS + orgNo, TestTokens.admin(), null, body).then().statusCode(200);

        assertProblem(put(ORGS + orgNo, TestTokens.sme("other-sme", TestOrgNumbers.fresh()), null, body), 403, "forbidden");
        assertProblem(put(ORGS + orgNo, TestTokens.user("other-applicant", "applicant").orgNo(TestOrgNumbers.fresh()).sign(), null, body),
                403, "forbidden");
        assertProblem(put(ORGS + orgNo, TestTokens.user("own-reviewer", "reviewer").orgNo(orgNo).sign(), null, body), 403);
        assertProblem(put(ORGS + orgNo, TestTokens.partner(), null, body), 403);
        assertProblem(put(ORGS + orgNo, TestTokens.operator("op", "digicat"), null, body), 403);
        assertProblem(put(ORGS + orgNo, null, null, body), 401);
    }

    @Test
    void anInvalidOrgNoIs400NamingTheField() {
        assertTrue(OrgNumbers.isValid("123456785"));
        assertProblem(given().auth().oauth2(TestTokens.admin()).get(ORGS + "123456789").andReturn(), 400, "validation")
                .then().body("errors.field", contains("orgNo"));
        assertProblem(put(ORGS + "123456789", TestTokens.admin(), null, organisation(null)), 400, "validation")
                .then().body("errors.field", contains("orgNo"));
        assertProblem(put(ORGS + "12345678", TestTokens.admin(), null, organisation(null)), 400, "validation")
                .then().body("errors.field", contains("orgNo"));

        Map<String, Object> mismatch = organisation(null);
        mismatch.put("orgNo", "123456785");
        assertProblem(put(ORGS + TestOrgNumbers.fresh(), TestTokens.admin(), null, mismatch), 400, "validation")
                .then().body("errors.field", contains("orgNo"));
    }

    @Test
    void everyInvalidDeclarationFieldIsListed() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("employees", -1);
        d.put("annualTurnover", money("-100.00"));
        d.put("fiscalYear", Year.now(ZoneId.of("Europe/Oslo")).getValue() + 1);
        Map<String, Object> body = organisation(d);
        body.put("kind", null);
        assertProblem(put(ORGS + TestOrgNumbers.fresh(), TestTokens.admin(), null, body), 400, "validation")
                .then().body("errors.field", containsInAnyOrder("kind", "smeDeclaration.employees",
                        "smeDeclaration.annualTurnover.amount", "smeDeclaration.balanceSheetTotal",
                        "smeDeclaration.fiscalYear", "smeDeclaration.hasLinkedEnterprises"));
    }

    /** At the default rate of 11.5 NOK per EUR: EUR 2 m = NOK 23 m, 10 m = 115 m, 43 m = 494.5 m, 50 m = 575 m. */
    @Test
    void theSmeClassFollowsTheEuDefinitionAtTheConfiguredRate() {
        assertClass(9, "23000000.00", "999999999.00", "MICRO");
        assertClass(9, "23000000.01", "23000000.01", "SMALL");
        assertClass(10, "100.00", "100.00", "SMALL");
        assertClass(49, "115000000.00", "115000000.00", "SMALL");
        assertClass(40, "200000000.00", "100000000.00", "SMALL");
        assertClass(50, "100.00", "100.00", "MEDIUM");
        assertClass(249, "575000000.00", "600000000.00", "MEDIUM");
        assertClass(249, "575000000.01", "494500000.00", "MEDIUM");
        assertClass(249, "575000000.01", "494500000.01", "LARGE");
        assertClass(250, "100.00", "100.00", "LARGE");
    }

    private void assertClass(int employees, String turnover, String balance, String expected) {
        String orgNo = TestOrgNumbers.fresh();
        put(ORGS + orgNo, TestTokens.admin(), null, organisation(declaration(employees, turnover, balance, false)))
                .then().statusCode(201).body("smeClass", equalTo(expected));
    }

    @Test
    void withoutADeclarationTheClassIsNullAndLinkedEnterprisesFlagAReview() {
        String orgNo = TestOrgNumbers.fresh();
        put(ORGS + orgNo, TestTokens.admin(), null, organisation(null)).then().statusCode(201)
                .body("smeDeclaration", nullValue()).body("smeClass", nullValue())
                .body("smeReviewRequired", equalTo(false));
        put(ORGS + orgNo, TestTokens.admin(), null, organisation(declaration(5, "1000000.00", "500000.00", true)))
                .then().statusCode(200).body("smeClass", equalTo("MICRO")).body("smeReviewRequired", equalTo(true));
        // PUT replaces: leaving the declaration out removes it.
        put(ORGS + orgNo, TestTokens.admin(), null, organisation(null)).then().statusCode(200)
                .body("smeDeclaration", nullValue()).body("smeClass", nullValue());
    }

    @Test
    void whetherAFiscalYearIsInTheFutureIsJudgedInOsloTime() {
        Map<String, Object> nextYear = declaration(12, "18500000.00", "9200000.00", false);
        nextYear.put("fiscalYear", 2027);
        // 23:30 UTC on New Year's Eve is already 00:30 on 1 January 2027 in Oslo.
        clock.set("2026-12-31T23:30:00Z");
        put(ORGS + TestOrgNumbers.fresh(), TestTokens.admin(), null, organisation(nextYear)).then().statusCode(201);
        // 22:30 UTC is 23:30 in Oslo, still 2026.
        clock.set("2026-12-31T22:30:00Z");
        assertProblem(put(ORGS + TestOrgNumbers.fresh(), TestTokens.admin(), null, organisation(nextYear)), 400, "validation")
                .then().body("errors.field", contains("smeDeclaration.fiscalYear"));
    }

    @Test
    void aStaleIfMatchIs412() {
        String orgNo = TestOrgNumbers.fresh();
        put(ORGS + orgNo, TestTokens.admin(), "\"0\"", organisation(null)).then().statusCode(412);
        put(ORGS + orgNo, TestTokens.admin(), null, organisation(null)).then().statusCode(201);
        put(ORGS + orgNo, TestTokens.admin(), "\"0\"", organisation(null)).then().statusCode(200).header("ETag", "\"1\"");
        assertProblem(put(ORGS + orgNo, TestTokens.admin(), "\"0\"", organisation(null)), 412, "precondition-failed");
    }
}
