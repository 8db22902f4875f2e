package no.katapult.registry.facility;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import no.katapult.common.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static no.katapult.registry.Fixtures.createEquipment;
import static no.katapult.registry.Fixtures.createFacility;
import static no.katapult.registry.Fixtures.equipment;
import static no.katapult.registry.Fixtures.facility;
import static no.katapult.registry.Fixtures.newCentre;
import static no.katapult.registry.Fixtures.put;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The catalogue search with Norwegian text: the norwegian stemmer, hyphenated words and English
 * loanwords, over facility and equipment text alike. Each test searches inside its own centre.
 */
@QuarkusTest
class FullTextSearchTest {

    static final String FACILITIES = "/api/v1/facilities";

    @Inject
    AgroalDataSource dataSource;

    String centreId;
    String additiveLab;
    String printerId;
    String weldingShop;
    String oceanLab;

    @BeforeEach
    void catalogue() {
        centreId = newCentre()[0];

        Map<String, Object> lab = facility(centreId);
        lab.put("name", "Additiv tilvirkningslab");
        lab.put("type", "LAB");
        lab.put("description", "Laboratoriet hjelper bedrifter med å lage prototyper i metall og polymer.");
        lab.put("capabilities", List.of("prototyping"));
        additiveLab = createFacility(lab);
        Map<String, Object> printer = equipment(additiveLab, "Industriell 3D-printer");
        printer.put("category", "additiv produksjon");
        printer.put("description", "Skriver ut deler i titan og aluminium med pulverbed-teknologi.");
        printer.put("capabilities", List.of("metallpulver"));
        printerId = createEquipment(printer);

        Map<String, Object> shop = facility(centreId);
        shop.put("name", "Sveiseverksted");
        shop.put("description", "Verksted med sveiseroboter og plasmaskjærere for tunge konstruksjoner.");
        shop.put("capabilities", List.of("sveising"));
        weldingShop = createFacility(shop);

        Map<String, Object> ocean = facility(centreId);
        ocean.put("name", "Havlaboratorium");
        ocean.put("type", "TEST_BED");
        ocean.put("description", "Testbasseng for havbruk og undervannsfarkoster, med bølgemaskin.");
        ocean.put("capabilities", List.of("havteknologi"));
        oceanLab = createFacility(ocean);
        Map<String, Object> tank = equipment(oceanLab, "Bølgetank");
        tank.put("description", "Tank for modellforsøk med bølger og strøm.");
        createEquipment(tank);
    }

    private io.restassured.response.ValidatableResponse search(String q) {
        return given().queryParam("centreId", centreId).queryParam("q", q).get(FACILITIES).then().statusCode(200);
    }

    @Test
    void aFacilityIsFoundByTheHyphenatedNameOfItsEquipment() {
        search("3d-printer").body("items.id", contains(additiveLab));
        search("3D-printer").body("items.id", contains(additiveLab));
        search("3d printer").body("items.id", contains(additiveLab));
        search("\"3d printer\"").body("items.id", contains(additiveLab));
    }

    @Test
    void englishLoanwordsFindTheNorwegianText() {
        // norwegian stems "printer" to "print" but keeps "printing"; english stems "printing" to "print".
        search("printing").body("items.id", contains(additiveLab));
        search("printer").body("items.id", contains(additiveLab));
        search("3D-printing").body("items.id", contains(additiveLab));
        search("printere").body("items.id", contains(additiveLab));
    }

    @Test
    void norwegianInflectionsMatch() {
        search("sveiserobot").body("items.id", contains(weldingShop));
        search("sveiserobotene").body("items.id", contains(weldingShop));
        search("konstruksjon").body("items.id", contains(weldingShop));
        search("prototype").body("items.id", contains(additiveLab));
        search("bedriftene").body("items.id", contains(additiveLab));
        search("undervannsfarkost").body("items.id", contains(oceanLab));
        search("bølger").body("items.id", contains(oceanLab));
        search("havbruk").body("items.id", contains(oceanLab));
    }

    @Test
    void equipmentDescriptionsAndTagsCountForTheFacility() {
        search("titan").body("items.id", contains(additiveLab));
        search("metallpulver").body("items.id", contains(additiveLab));
        search("modellforsøk").body("items.id", contains(oceanLab));
    }

    @Test
    void wordsCombineAndWebSearchSyntaxWorks() {
        search("3d-printer aluminium").body("items.id", contains(additiveLab));
        search("3d-printer sveising").body("items", empty());
        search("sveising or havbruk").body("items.id", containsInAnyOrder(oceanLab, weldingShop));
        search("verksted -sveiseroboter").body("items", empty());
        search("kvantedatamaskin").body("total", equalTo(0));
        // Only stop words: nothing to search for, nothing found, and no error.
        search("og i på").body("total", equalTo(0));
    }

    @Test
    void theRankingPutsNameMatchesFirst() {
        Map<String, Object> mentions = facility(centreId);
        mentions.put("name", "Materiallab");
        mentions.put("description", "Samarbeider tett med sveiseverkstedet.");
        String mentioner = createFacility(mentions);
        search("sveiseverksted").body("items.id", contains(weldingShop, mentioner));
    }

    @Test
    void changedEquipmentTextIsSearchableAtOnce() {
        Map<String, Object> body = equipment(oceanLab, "Bølgetank");
        search("ekkolodd").body("items", empty());
        String sonar = createEquipment(equipment(oceanLab, "Ekkolodd"));
        search("ekkolodd").body("items.id", contains(oceanLab));
        body.put("name", "Sidesøkende sonar");
        put("/api/v1/equipment/" + sonar, TestTokens.admin(), "\"0\"", body).then().statusCode(200);
        search("ekkolodd").body("items", empty());
        search("sonar").body("items.id", contains(oceanLab));
    }

    @Test
    void equipmentIsSearchableByItself() {
        given().queryParam("centreId", centreId).queryParam("q", "3d-printing").get("/api/v1/equipment").then()
                .statusCode(200).body("items.id", contains(printerId));
        given().queryParam("centreId", centreId).queryParam("q", "pulverbed").get("/api/v1/equipment").then()
                .body("items.id", contains(printerId));
    }

    @Test
    void theSearchUsesTheGinIndexes() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            // With sequential scans priced out, the planner must be able to answer from the index.
            s.execute("SET enable_seqscan = off");
            assertTrue(plan(s, "SELECT id FROM facility WHERE search_vector @@ catalogue_tsquery('3d-printer')")
                    .contains("facility_search_idx"));
            assertTrue(plan(s, "SELECT id FROM equipment WHERE search_vector @@ catalogue_tsquery('printing')")
                    .contains("equipment_search_idx"));
            assertTrue(plan(s, "SELECT id FROM centre WHERE search_vector @@ catalogue_tsquery('havbruk')")
                    .contains("centre_search_idx"));
            try (ResultSet rs = s.executeQuery("SELECT cfgname FROM pg_ts_config WHERE cfgname = 'norwegian'")) {
                assertTrue(rs.next(), "the norwegian configuration exists");
            }
        }
    }

    private static String plan(Statement s, String sql) throws Exception {
        StringBuilder sb = new StringBuilder();
        try (ResultSet rs = s.executeQuery("EXPLAIN " + sql)) {
            while (rs.next()) {
                sb.append(rs.getString(1)).append('\n');
            }
        }
        return sb.toString();
    }
}
