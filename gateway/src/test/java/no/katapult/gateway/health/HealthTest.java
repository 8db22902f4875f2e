package no.katapult.gateway.health;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class HealthTest {

    @Test
    void livenessAndReadinessReportTheGatewayItself() {
        // dead-service is down, and the gateway is still live and ready.
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void downstreamGroupReportsEachService() {
        Response response = given().get("/q/health/group/downstream");
        assertEquals(503, response.statusCode(), response.asString());
        List<Map<String, Object>> checks = response.jsonPath().getList("checks");
        Map<String, String> status = new java.util.HashMap<>();
        checks.forEach(c -> status.put((String) c.get("name"), (String) c.get("status")));
        assertEquals("UP", status.get("catapult-registry"));
        assertEquals("UP", status.get("application-service"));
        assertEquals("UP", status.get("facility-booking"));
        assertEquals("DOWN", status.get("dead-service"));
        response.then().body("checks.find { it.name == 'catapult-registry' }.data.prefixes",
                equalTo("/api/v1/centres,/api/v1/equipment,/api/v1/facilities,/api/v1/organisations"));
    }
}
