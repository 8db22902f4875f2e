package no.katapult.application.attachment;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import no.katapult.application.TestFiles;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;

import static io.restassured.RestAssured.given;
import static no.katapult.application.Fixtures.MCB;
import static no.katapult.application.Fixtures.OTHER_ORG;
import static no.katapult.application.Fixtures.REVIEWER_ORG;
import static no.katapult.application.Fixtures.SIN;
import static no.katapult.application.Fixtures.admin;
import static no.katapult.application.Fixtures.applicant;
import static no.katapult.application.Fixtures.applicationJson;
import static no.katapult.application.Fixtures.assign;
import static no.katapult.application.Fixtures.attachProjectDescription;
import static no.katapult.application.Fixtures.createDraft;
import static no.katapult.application.Fixtures.form;
import static no.katapult.application.Fixtures.openCall;
import static no.katapult.application.Fixtures.partner;
import static no.katapult.application.Fixtures.post;
import static no.katapult.application.Fixtures.reviewer;
import static no.katapult.application.Fixtures.upload;
import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Attachments over HTTP: byte-for-byte storage, types told by content, size limits, and who may see them. */
@QuarkusTest
class AttachmentTest {

    static final int MIB = 1024 * 1024;

    static String sin() {
        return applicant("applicant-sin", SIN);
    }

    static String draft() {
        return createDraft(sin(), applicationJson(openCall("2000000", "200000"), "100000", "10000", MCB));
    }

    static String path(String applicationId) {
        return "/api/v1/applications/" + applicationId + "/attachments";
    }

    /** A PDF header then {@code size} random bytes: what magic detection calls a PDF, in chunks that do not align. */
    static byte[] pdfOf(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        byte[] header = "%PDF-1.7\n%\u00e2\u00e3\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        System.arraycopy(header, 0, bytes, 0, header.length);
        return bytes;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void anAttachmentRoundTripsByteForByte() throws Exception {
        String id = draft();
        byte[] file = pdfOf(5 * MIB + 12_345);
        String sha = sha256(file);

        Response created = upload(sin(), id, "BUDGET", "Budsjett 2027 – endelig.pdf", file);
        created.then().statusCode(201)
                .header("Location", containsString(path(id) + "/"))
                .header("ETag", "\"" + sha + "\"")
                .body("kind", equalTo("BUDGET")).body("mediaType", equalTo("application/pdf"))
                .body("size", equalTo(file.length)).body("sha256", equalTo(sha))
                .body("filename", equalTo("Budsjett 2027 – endelig.pdf"));
        String attachmentId = created.path("id");

        Response download = given().auth().oauth2(sin()).get(path(id) + "/" + attachmentId).andReturn();
        download.then().statusCode(200).contentType("application/pdf")
                .header("Content-Length", String.valueOf(file.length))
                .header("ETag", "\"" + sha + "\"")
                .header("Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha)) + ":")
                .header("Content-Disposition", containsString("attachment;"))
                .header("Content-Disposition", containsString("filename*=UTF-8''Budsjett%202027%20%E2%80%93%20endelig.pdf"));
        byte[] back = download.asByteArray();
        assertEquals(sha, sha256(back));
        assertArrayEquals(file, back);

        given().auth().oauth2(sin()).get(path(id)).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].id", equalTo(attachmentId))
                .body("items[0].sha256", equalTo(sha));
        given().auth().oauth2(sin()).header("If-None-Match", "\"" + sha + "\"").get(path(id) + "/" + attachmentId)
                .then().statusCode(304);
    }

    @Test
    void everyAllowedTypeIsToldByItsContent() {
        String id = draft();
        String[][] expected = {
                {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "a.bin"},
                {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "b"},
                {"application/vnd.oasis.opendocument.text", "c.pdf"},
                {"image/png", "d.jpg"},
                {"image/jpeg", "e.png"}};
        byte[][] files = {TestFiles.docx("Prosjekt"), TestFiles.xlsx(), TestFiles.odt(), TestFiles.png(), TestFiles.jpeg()};
        for (int i = 0; i < files.length; i++) {
            upload(sin(), id, "OTHER", expected[i][1], files[i]).then().statusCode(201)
                    .body("mediaType", equalTo(expected[i][0]));
        }
    }

    @Test
    void aRenamedExecutableOrAnotherTypeIs415() {
        String id = draft();
        assertProblem(upload(sin(), id, form("BUDGET", "budsjett.pdf", "application/pdf", TestFiles.elf())),
                415, "unsupported-attachment-type");
        assertProblem(upload(sin(), id, "PROJECT_DESCRIPTION", "beskrivelse.docx", TestFiles.pe()), 415,
                "unsupported-attachment-type");
        assertProblem(upload(sin(), id, "OTHER", "makro.docx", TestFiles.docm()), 415, "unsupported-attachment-type");
        assertProblem(upload(sin(), id, "OTHER", "arkiv.docx", TestFiles.zipOfText()), 415, "unsupported-attachment-type");
        // Nothing of them was kept.
        given().auth().oauth2(sin()).get(path(id)).then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void aFileOver20MiBIs413Problem() {
        String id = draft();
        // 21 MiB: the declared length is past the upload route's limit, refused before a byte is read.
        Response declared = upload(sin(), id, "BUDGET", "stor.pdf", pdfOf(21 * MIB));
        assertProblem(declared, 413, "payload-too-large");
        // One byte over 20 MiB: the body fits the route, the file does not; found while it streams.
        Response streamed = upload(sin(), id, "BUDGET", "stor.pdf", pdfOf(20 * MIB + 1));
        assertProblem(streamed, 413, "payload-too-large");
        streamed.then().body("limit", equalTo(20 * MIB));
        // Exactly 20 MiB is fine.
        upload(sin(), id, "BUDGET", "akkurat.pdf", pdfOf(20 * MIB)).then().statusCode(201).body("size", equalTo(20 * MIB));
        given().auth().oauth2(sin()).get(path(id)).then().body("total", equalTo(1));
        // Every other route keeps 1 MiB.
        assertProblem(given().auth().oauth2(sin()).contentType("application/json").body(new byte[MIB + 1])
                .post("/api/v1/applications").andReturn(), 413, "payload-too-large");
    }

    @Test
    void anotherOrganisationsApplicantAndThePartnerGet404() {
        String id = draft();
        String attachmentId = attachProjectDescription(sin(), id);
        String stranger = applicant("applicant-other", OTHER_ORG);
        for (String token : new String[]{stranger, partner()}) {
            assertProblem(given().auth().oauth2(token).get(path(id)).andReturn(), 404);
            assertProblem(given().auth().oauth2(token).get(path(id) + "/" + attachmentId).andReturn(), 404);
        }
        assertProblem(upload(stranger, id, "OTHER", "x.pdf", TestFiles.smallPdf()), 404);
        assertProblem(given().auth().oauth2(stranger).delete(path(id) + "/" + attachmentId).andReturn(), 404);
        // The consortium partner's applicant reads them, but only the lead changes them.
        String mcb = applicant("applicant-mcb", MCB);
        given().auth().oauth2(mcb).get(path(id) + "/" + attachmentId).then().statusCode(200);
        assertProblem(upload(mcb, id, "OTHER", "x.pdf", TestFiles.smallPdf()), 403);
        given().auth().oauth2(admin()).get(path(id)).then().statusCode(200).body("total", equalTo(1));
    }

    @Test
    void reviewersReadThemOnceAssignedAndTheyAreFixedOnceSubmitted() {
        String id = draft();
        String attachmentId = attachProjectDescription(sin(), id);
        String other = attachProjectDescription(sin(), id);
        given().auth().oauth2(sin()).delete(path(id) + "/" + other).then().statusCode(204);
        post(sin(), "/api/v1/applications/" + id + "/submit", null).then().statusCode(200);

        assertProblem(upload(sin(), id, "OTHER", "sent.pdf", TestFiles.smallPdf()), 409);
        assertProblem(given().auth().oauth2(sin()).delete(path(id) + "/" + attachmentId).andReturn(), 409);

        String r = reviewer("reviewer-attachments", REVIEWER_ORG);
        given().auth().oauth2(r).get("/api/v1/calls").then().statusCode(200); // their token is seen
        assertProblem(given().auth().oauth2(r).get(path(id) + "/" + attachmentId).andReturn(), 404);
        assign(id, "{\"reviewers\": [\"reviewer-attachments\"]}").then().statusCode(200);
        given().auth().oauth2(r).get(path(id) + "/" + attachmentId).then().statusCode(200)
                .contentType("application/pdf");
    }

    @Test
    void submittingNeedsAProjectDescription() {
        String id = draft();
        upload(sin(), id, "BUDGET", "budsjett.pdf", TestFiles.smallPdf()).then().statusCode(201);
        assertProblem(post(sin(), "/api/v1/applications/" + id + "/submit", null), 422, "incomplete-application")
                .then().body("errors.field", org.hamcrest.Matchers.hasItem("attachments"));
        attachProjectDescription(sin(), id);
        post(sin(), "/api/v1/applications/" + id + "/submit", null).then().statusCode(200);
    }

    /**
     * java.net.http asks for HTTP/2 by an h2c upgrade: such a request arrives as HTTP/2 without Content-Length even
     * when it has no body, and the body limits must let it through (event-hub's feed reads once failed this way).
     */
    @Test
    void aCleartextHttp2RequestWithoutBodyIsServed() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_2).build();
        for (int i = 0; i < 3; i++) {
            java.net.http.HttpResponse<String> answer = client.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port
                                    + "/api/v1/calls")).header("Authorization", "Bearer " + admin()).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), answer::body);
        }
    }

    @Test
    void aMalformedFormIs400() {
        String id = draft();
        assertProblem(upload(sin(), id, form(null, "a.pdf", "application/pdf", TestFiles.smallPdf())), 400);
        assertProblem(upload(sin(), id, "CV", "a.pdf", TestFiles.smallPdf()), 400);
        assertProblem(upload(sin(), id, form("OTHER", null, null, null)), 400);
        // rest-assured sends its own multipart bodies chunked: an upload must declare its length.
        assertProblem(given().auth().oauth2(sin()).multiPart("kind", "OTHER")
                .multiPart("file", "a.pdf", TestFiles.smallPdf(), "application/pdf").post(path(id)).andReturn(), 411);
        assertProblem(given().auth().oauth2(sin()).contentType("application/pdf").body(TestFiles.smallPdf())
                .post(path(id)).andReturn(), 415);
    }
}
