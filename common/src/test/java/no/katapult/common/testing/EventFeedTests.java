package no.katapult.common.testing;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A service's own event feed is for the suite's components only, and no part of the public contract.
 * Written once: a service's {@code @QuarkusTest} extends this, and names its own roles if it has more.
 */
public abstract class EventFeedTests {

    /** Valid tokens of every other role the service knows: each must be refused the feed. */
    protected List<String> tokensWithoutTheInternalRole() {
        return List.of(TestTokens.admin(), TestTokens.partner(), TestTokens.sme("sme-anna", "910000012"),
                TestTokens.operator("operator-halden", "smart-innovation-norway"));
    }

    @Test
    void onlyTheInternalRoleReadsTheFeed() {
        given().auth().oauth2(EventFeed.token()).get(EventFeed.PATH + "?after=0").then().statusCode(200);
        assertProblem(given().get(EventFeed.PATH + "?after=0").andReturn(), 401);
        for (String token : tokensWithoutTheInternalRole()) {
            assertProblem(given().auth().oauth2(token).get(EventFeed.PATH + "?after=0").andReturn(), 403);
        }
    }

    @Test
    void theFeedIsNotInTheContract() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body(not(containsString("/internal")))
                .body(not(containsString("outbox")));
        Map<String, Object> paths = given().queryParam("format", "json").get("/q/openapi").jsonPath().getMap("paths");
        assertFalse(paths.keySet().stream().anyMatch(p -> p.startsWith("/internal")), paths.keySet()::toString);
    }
}
