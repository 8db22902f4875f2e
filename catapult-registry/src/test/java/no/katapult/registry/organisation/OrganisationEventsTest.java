package no.katapult.registry.organisation;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import no.katapult.common.testing.EventFeed;
import no.katapult.common.testing.TestOrgNumbers;
import no.katapult.common.testing.TestTokens;
import no.katapult.registry.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static no.katapult.common.testing.EventFeed.assertSameView;
import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static no.katapult.registry.Fixtures.declaration;
import static no.katapult.registry.Fixtures.put;
import static no.katapult.registry.RegistryEvents.assertEvent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

@QuarkusTest
class OrganisationEventsTest {

    static final String ORGS = "/api/v1/organisations/";

    static Map<String, Object> organisation(int employees) {
        return Fixtures.organisation(declaration(employees, "18500000.00", "9200000.00", false));
    }

    @Test
    void creatingAndReplacingAnOrganisationPublishesItsViewAndSmeClassForItselfOnly() {
        String orgNo = TestOrgNumbers.fresh();
        String token = TestTokens.sme("sme-events", orgNo);
        Response created = put(ORGS + orgNo, token, null, organisation(12));
        created.then().statusCode(201);
        Response replaced = put(ORGS + orgNo, token, "\"0\"", organisation(60));
        replaced.then().statusCode(200);

        List<Map<String, Object>> events = EventFeed.await("organisations/" + orgNo, 2);
        assertEvent(events.get(0), OrganisationService.UPDATED, "organisations/" + orgNo, 1);
        assertSameView(created.jsonPath().getMap("$"), events.get(0).get("data"));
        assertEquals("SMALL", ((Map<?, ?>) events.get(0).get("data")).get("smeClass"));
        // A declaration holds the enterprise's own figures: no partner sees this event.
        assertFalse(events.get(0).containsKey("partnerData"));
        assertEquals(orgNo, events.get(0).get("orgNo"));

        assertEvent(events.get(1), OrganisationService.UPDATED, "organisations/" + orgNo, 2);
        assertSameView(replaced.jsonPath().getMap("$"), events.get(1).get("data"));
        assertEquals("MEDIUM", ((Map<?, ?>) events.get(1).get("data")).get("smeClass"));
        assertFalse(events.get(1).containsKey("partnerData"));
        assertEquals(orgNo, events.get(1).get("orgNo"));
    }

    @Test
    void theContactPersonIsKeptPublishedAndRemovedWhenLeftOut() {
        String orgNo = TestOrgNumbers.fresh();
        Map<String, Object> body = new java.util.LinkedHashMap<>(organisation(12));
        body.put("contactPerson", Map.of("name", "Per Partner", "email", "per@partner.example.no"));
        put(ORGS + orgNo, TestTokens.admin(), null, body).then().statusCode(201)
                .body("contactPerson.name", org.hamcrest.Matchers.equalTo("Per Partner"));
        io.restassured.RestAssured.given().auth().oauth2(TestTokens.admin()).get(ORGS + orgNo).then().statusCode(200)
                .body("contactPerson.email", org.hamcrest.Matchers.equalTo("per@partner.example.no"));

        // No address, or not an address: 400 naming the field, and nothing published.
        body.put("contactPerson", Map.of("name", "Per Partner"));
        assertProblem(put(ORGS + orgNo, TestTokens.admin(), "\"0\"", body), 400, "validation");
        body.put("contactPerson", Map.of("email", "not an address"));
        Response invalid = put(ORGS + orgNo, TestTokens.admin(), "\"0\"", body);
        assertProblem(invalid, 400, "validation");
        assertEquals("contactPerson.email", invalid.jsonPath().getString("errors[0].field"));

        // PUT replaces: leaving it out removes it.
        put(ORGS + orgNo, TestTokens.admin(), "\"0\"", organisation(12)).then().statusCode(200);
        List<Map<String, Object>> events = EventFeed.await("organisations/" + orgNo, 2);
        assertEquals(Map.of("name", "Per Partner", "email", "per@partner.example.no"),
                ((Map<?, ?>) events.get(0).get("data")).get("contactPerson"));
        assertEquals(null, ((Map<?, ?>) events.get(1).get("data")).get("contactPerson"));
        assertEquals(List.of(1L, 2L), EventFeed.sequences(events));
    }

    @Test
    void aRefusedWritePublishesNothing() {
        String orgNo = TestOrgNumbers.fresh();
        assertProblem(put(ORGS + orgNo, TestTokens.admin(), "\"0\"", organisation(12)), 412, "precondition-failed");
        put(ORGS + orgNo, TestTokens.admin(), null, organisation(12)).then().statusCode(201);
        assertProblem(put(ORGS + orgNo, TestTokens.admin(), "\"4\"", organisation(12)), 412, "precondition-failed");
        String otherOrganisation = TestTokens.sme("sme-other", TestOrgNumbers.fresh());
        assertProblem(put(ORGS + orgNo, otherOrganisation, null, organisation(12)), 403);
        put(ORGS + orgNo, TestTokens.admin(), "\"0\"", organisation(13)).then().statusCode(200);

        List<Map<String, Object>> events = EventFeed.await("organisations/" + orgNo, 2);
        assertEquals(List.of(1L, 2L), EventFeed.sequences(events));
    }
}
