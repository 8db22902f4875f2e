package no.katapult.registry.centre;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import no.katapult.common.testing.QueryPlans;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static no.katapult.registry.Fixtures.centre;
import static no.katapult.registry.Fixtures.code;
import static no.katapult.registry.Fixtures.createCentre;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A listing reuses the query plans of its native queries (SqlFilter.page). A plan keyed apart on every call
 * filled Hibernate's plan cache with entries of one hash, and each listing then scanned them all.
 */
@QuarkusTest
class ListingPlanCacheTest {

    @Inject
    SessionFactory sessionFactory;

    @Test
    void listingTheSameWayAgainAddsNoQueryPlan() {
        createCentre(centre(code("plans")));
        list();   // the first listing of this shape may add its plans
        int before = QueryPlans.cached(sessionFactory);
        for (int i = 0; i < 30; i++) {
            list();
        }
        int after = QueryPlans.cached(sessionFactory);
        assertTrue(after - before <= 1, "30 identical listings added " + (after - before) + " query plans");
    }

    private static void list() {
        given().queryParam("size", 5).queryParam("status", "ESTABLISHED").get(CentreApiTest.CENTRES)
                .then().statusCode(200);
    }
}
