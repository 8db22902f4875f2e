package no.katapult.booking;

import io.restassured.response.Response;

import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Short forms of the calls most tests make. */
public final class Api {
    private Api() {
    }

    public static String body(String type, UUID resourceId, String start, String end) {
        return "{\"resourceType\":\"" + type + "\",\"resourceId\":\"" + resourceId + "\",\"start\":\"" + start
                + "\",\"end\":\"" + end + "\",\"purpose\":\"Prototype test\"}";
    }

    public static Response book(String token, String type, UUID resourceId, String start, String end) {
        return given().auth().oauth2(token).contentType("application/json")
                .body(body(type, resourceId, start, end))
                .post("/api/v1/bookings").andReturn();
    }

    public static Response availability(String type, UUID resourceId, String from, String to) {
        return given().queryParam("resourceType", type).queryParam("resourceId", resourceId.toString())
                .queryParam("from", from).queryParam("to", to)
                .get("/api/v1/availability").andReturn();
    }

    public static Response cancel(String token, String id, String reason) {
        return given().auth().oauth2(token).contentType("application/json")
                .body("{\"reason\":\"" + reason + "\"}")
                .post("/api/v1/bookings/" + id + "/cancel").andReturn();
    }
}
