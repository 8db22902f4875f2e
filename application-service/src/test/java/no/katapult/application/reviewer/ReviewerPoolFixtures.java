package no.katapult.application.reviewer;

import io.restassured.response.Response;
import no.katapult.application.Fixtures;

import java.util.List;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;

/** Pool records for the tests of the pool and of assignment. */
public final class ReviewerPoolFixtures {

    public static final String POOL = "/api/v1/reviewers";

    private ReviewerPoolFixtures() {
    }

    public static String body(String name, String email, String locale, List<String> organisations, List<String> conflicts) {
        return "{\"name\": \"" + name + "\", \"email\": \"" + email + "\""
                + (locale == null ? "" : ", \"locale\": \"" + locale + "\"")
                + ", \"organisations\": " + json(organisations) + ", \"expertise\": [\"Industriell tjenesteutvikling\"]"
                + ", \"conflicts\": " + json(conflicts) + "}";
    }

    public static String json(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(", ", "[", "]"));
    }

    /** PUT /reviewers/{username} as siva-admin. */
    public static Response put(String username, String body) {
        return given().auth().oauth2(Fixtures.admin()).contentType("application/json").body(body)
                .put(POOL + "/" + username).andReturn();
    }

    /** A fresh reviewer in the pool who works for {@code orgNo} and has never signed in. */
    public static String pooled(String orgNo, String... conflicts) {
        String username = Fixtures.unique("reviewer-pool");
        put(username, body("Kari Nordmann", username + "@example.no", null, List.of(orgNo), List.of(conflicts)))
                .then().statusCode(201);
        return username;
    }
}
