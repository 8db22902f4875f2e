package no.katapult.registry.centre;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import no.katapult.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static no.katapult.registry.Fixtures.centre;
import static no.katapult.registry.Fixtures.code;
import static no.katapult.registry.Fixtures.createCentre;
import static no.katapult.registry.Fixtures.post;
import static no.katapult.registry.Fixtures.put;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class CentreApiTest {

    static final String CENTRES = "/api/v1/centres";

    @Test
    void adminCreatesACentreWith201LocationAndETagAndAnyoneReadsIt() {
        String code = code("digicat");
        Response created = post(CENTRES, TestTokens.admin(), centre(code));
        created.then().statusCode(201)
                .header("Location", endsWith(CENTRES + "/" + created.jsonPath().getString("id")))
                .header("ETag", "\"0\"")
                .body("code", equalTo(code))
                .body("kind", equalTo("NATIONAL_CENTRE"))
                .body("parentCentreId", nullValue())
                .body("focusAreas", contains("manufacturing", "materials"))
                .body("status", equalTo("ESTABLISHED"))
                .body("hostOrganisation.orgNo", equalTo("930000043"))
                .body("hostOrganisation.name", equalTo("Vertsorganisasjon AS (demo)"))
                .body("address.street", equalTo("Storgata 1"))
                .body("address.postcode", equalTo("2830"))
                .body("address.municipality", equalTo("Vestre Toten"))
                .body("address.county", equalTo("Innlandet"))
                .body("description", equalTo("Nasjonalt katapultsenter for produksjonsteknologi."))
                .body("website", equalTo("https://example.no/" + code))
                .body("contactEmail", equalTo("post@" + code + ".example.no"))
                .body("establishedOn", equalTo("2017-10-01"))
                .body("version", equalTo(0));

        String location = created.header("Location");
        given().get(location).then().statusCode(200)
                .header("ETag", "\"0\"")
                .body("id", equalTo(created.jsonPath().getString("id")))
                .body("code", equalTo(code));
    }

    @Test
    void aNodeMayNameItsNationalCentreAsParent() {
        String parent = createCentre(centre(code("parent")));
        Map<String, Object> node = centre(code("node"));
        node.put("kind", "NODE");
        node.put("parentCentreId", parent);
        post(CENTRES, TestTokens.admin(), node).then().statusCode(201)
                .body("kind", equalTo("NODE"))
                .body("parentCentreId", equalTo(parent));
    }

    @Test
    void aNodeWithoutParentIsFine() {
        Map<String, Object> node = centre(code("smart-innovation-norway"));
        node.put("kind", "NODE");
        post(CENTRES, TestTokens.admin(), node).then().statusCode(201).body("parentCentreId", nullValue());
    }

    @Test
    void aNationalCentreCannotHaveAParent() {
        String parent = createCentre(centre(code("parent")));
        Map<String, Object> body = centre(code("national"));
        body.put("parentCentreId", parent);
        assertProblem(post(CENTRES, TestTokens.admin(), body), 400, "validation")
                .then().body("errors.field", contains("parentCentreId"));
    }

    @Test
    void aMissingParentOrANodeAsParentIs422() {
        Map<String, Object> orphan = centre(code("node"));
        orphan.put("kind", "NODE");
        orphan.put("parentCentreId", "00000000-0000-4000-8000-000000000000");
        assertProblem(post(CENTRES, TestTokens.admin(), orphan), 422, "parent-centre-not-found");

        Map<String, Object> firstNode = centre(code("node"));
        firstNode.put("kind", "NODE");
        String nodeId = createCentre(firstNode);
        Map<String, Object> nodeUnderNode = centre(code("node"));
        nodeUnderNode.put("kind", "NODE");
        nodeUnderNode.put("parentCentreId", nodeId);
        assertProblem(post(CENTRES, TestTokens.admin(), nodeUnderNode), 422, "invalid-parent-centre");
    }

    @Test
    void aNationalCentreWithNodesCannotBecomeANode() {
        Map<String, Object> parentBody = centre(code("parent"));
        String parent = createCentre(parentBody);
        Map<String, Object> node = centre(code("node"));
        node.put("kind", "NODE");
        node.put("parentCentreId", parent);
        createCentre(node);
        parentBody.put("kind", "NODE");
        assertProblem(put(CENTRES + "/" + parent, TestTokens.admin(), "\"0\"", parentBody), 422, "centre-has-nodes");
    }

    @Test
    void aDuplicateCodeIs409OnCreateAndOnUpdate() {
        String code = code("dup");
        createCentre(centre(code));
        assertProblem(post(CENTRES, TestTokens.admin(), centre(code)), 409, "duplicate-code");

        Map<String, Object> other = centre(code("other"));
        String otherId = createCentre(other);
        other.put("code", code);
        assertProblem(put(CENTRES + "/" + otherId, TestTokens.admin(), "\"0\"", other), 409, "duplicate-code");
    }

    @Test
    void invalidFieldsAreAllListedInOne400() {
        Map<String, Object> body = centre("Not Kebab");
        body.put("name", "");
        body.remove("kind");
        body.remove("status");
        body.put("hostOrganisation", Map.of("orgNo", "123456789", "name", ""));
        body.put("address", Map.of("postcode", "12", "municipality", "", "county", ""));
        body.put("contactEmail", "not-an-email");
        body.put("website", "ftp://example.no");
        assertProblem(post(CENTRES, TestTokens.admin(), body), 400, "validation")
                .then().body("errors.field", containsInAnyOrder("code", "name", "kind", "status",
                        "hostOrganisation.orgNo", "hostOrganisation.name", "address.postcode",
                        "address.municipality", "address.county", "contactEmail", "website"));
    }

    @Test
    void aMissingBodyOrAWrongEnumIs400() {
        assertProblem(given().auth().oauth2(TestTokens.admin()).contentType("application/json").post(CENTRES).andReturn(),
                400);
        Map<String, Object> body = centre(code("enum"));
        body.put("kind", "SPACESHIP");
        assertProblem(post(CENTRES, TestTokens.admin(), body), 400, "validation")
                .then().body("errors[0].field", equalTo("kind"));
    }

    @Test
    void updatesHonourIfMatchAndAnswerTheNewETag() {
        Map<String, Object> body = centre(code("etag"));
        String id = createCentre(body);
        body.put("name", "Nytt navn");
        put(CENTRES + "/" + id, TestTokens.admin(), "\"0\"", body).then().statusCode(200)
                .header("ETag", "\"1\"").body("name", equalTo("Nytt navn")).body("version", equalTo(1));

        body.put("name", "Foreldet endring");
        assertProblem(put(CENTRES + "/" + id, TestTokens.admin(), "\"0\"", body), 412, "precondition-failed");
        given().get(CENTRES + "/" + id).then().header("ETag", "\"1\"").body("name", equalTo("Nytt navn"));

        // Without If-Match the update is unconditional.
        put(CENTRES + "/" + id, TestTokens.admin(), null, body).then().statusCode(200).header("ETag", "\"2\"");
    }

    @Test
    void phasingOutIsAStatusChangeNotADelete() {
        Map<String, Object> body = centre(code("phase"));
        String id = createCentre(body);
        body.put("status", "PHASED_OUT");
        put(CENTRES + "/" + id, TestTokens.admin(), "\"0\"", body).then().statusCode(200).body("status", equalTo("PHASED_OUT"));
        assertProblem(given().auth().oauth2(TestTokens.admin()).delete(CENTRES + "/" + id).andReturn(), 405);
        given().get(CENTRES + "/" + id).then().statusCode(200).body("status", equalTo("PHASED_OUT"));
    }

    @Test
    void onlySivaAdminWritesCentres() {
        String code = code("roles");
        Map<String, Object> body = centre(code);
        assertProblem(post(CENTRES, null, body), 401);
        assertProblem(post(CENTRES, TestTokens.operator("op", code), body), 403);
        assertProblem(post(CENTRES, TestTokens.sme("sme-anna", "910000012"), body), 403);
        assertProblem(post(CENTRES, TestTokens.partner(), body), 403);
        assertProblem(post(CENTRES, TestTokens.user("rev", "reviewer").orgNo("990000018").sign(), body), 403);

        String id = createCentre(body);
        assertProblem(put(CENTRES + "/" + id, null, "\"0\"", body), 401);
        assertProblem(put(CENTRES + "/" + id, TestTokens.operator("op", code), "\"0\"", body), 403);
        assertProblem(put(CENTRES + "/" + id, TestTokens.partner(), "\"0\"", body), 403);
    }

    @Test
    void anUnknownCentreIs404() {
        assertProblem(given().get(CENTRES + "/6a1b2c3d-0000-4000-8000-000000000000").andReturn(), 404, "not-found");
        assertProblem(given().get(CENTRES + "/not-a-uuid").andReturn(), 404);
        assertProblem(put(CENTRES + "/6a1b2c3d-0000-4000-8000-000000000000", TestTokens.admin(), null,
                centre(code("ghost"))), 404, "not-found");
    }

    @Test
    void listFiltersCombine() {
        String focus = code("focus");
        Map<String, Object> ocean = centre(code("ocean"));
        ocean.put("focusAreas", List.of(focus, "ocean"));
        ocean.put("address", Map.of("municipality", "Bergen", "county", "Vestland"));
        ocean.put("description", "Havteknologi, havbruk og marin fornybar energi.");
        String oceanId = createCentre(ocean);

        Map<String, Object> node = centre(code("node"));
        node.put("kind", "NODE");
        node.put("focusAreas", List.of(focus, "energy"));
        node.put("status", "PRE_PROJECT");
        node.put("address", Map.of("municipality", "Halden", "county", "Østfold"));
        String nodeId = createCentre(node);

        Map<String, Object> gone = centre(code("gone"));
        gone.put("focusAreas", List.of(focus.toUpperCase()));
        gone.put("status", "PHASED_OUT");
        String goneId = createCentre(gone);

        given().queryParam("focusArea", focus).get(CENTRES).then().statusCode(200)
                .body("total", equalTo(3)).body("items.id", containsInAnyOrder(oceanId, nodeId, goneId));
        given().queryParam("focusArea", focus).queryParam("kind", "NODE").get(CENTRES).then()
                .body("items.id", contains(nodeId));
        given().queryParam("focusArea", focus).queryParam("status", "PHASED_OUT").get(CENTRES).then()
                .body("items.id", contains(goneId));
        given().queryParam("focusArea", focus).queryParam("county", "vestland").get(CENTRES).then()
                .body("items.id", contains(oceanId));
        given().queryParam("code", ocean.get("code")).get(CENTRES).then().body("items.id", contains(oceanId));
        given().queryParam("focusArea", focus).queryParam("q", "havbruket").get(CENTRES).then()
                .body("items.id", contains(oceanId));
        given().queryParam("focusArea", focus).queryParam("q", "Halden").get(CENTRES).then()
                .body("items.id", contains(nodeId));
        given().queryParam("focusArea", focus).queryParam("kind", "NODE").queryParam("status", "ESTABLISHED")
                .get(CENTRES).then().body("total", equalTo(0)).body("items", empty());
    }

    @Test
    void badQueryParametersAreAllListedInOne400() {
        assertProblem(given().queryParam("kind", "CASTLE").queryParam("status", "ASLEEP").queryParam("page", "-1")
                .get(CENTRES).andReturn(), 400, "validation")
                .then().body("errors.field", hasItems("kind", "status", "page"));
    }

    @Test
    void pagesAreStableAndCoverEveryItemOnce() {
        String focus = code("paging");
        for (String name : List.of("Echo", "Alfa", "Delta", "Charlie", "Bravo")) {
            Map<String, Object> body = centre(code("page"));
            body.put("name", name);
            body.put("focusAreas", List.of(focus));
            createCentre(body);
        }
        List<String> names = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            Response r = given().queryParam("focusArea", focus).queryParam("size", 2).queryParam("page", page)
                    .get(CENTRES).andReturn();
            r.then().statusCode(200).body("total", equalTo(5)).body("page", equalTo(page)).body("size", equalTo(2));
            names.addAll(r.jsonPath().getList("items.name"));
        }
        assertEquals(List.of("Alfa", "Bravo", "Charlie", "Delta", "Echo"), names);
        assertEquals(5, new HashSet<>(names).size());
        given().queryParam("focusArea", focus).queryParam("size", 500).get(CENTRES).then()
                .body("size", equalTo(100)).body("items.size()", equalTo(5));
    }
}
