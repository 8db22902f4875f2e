package no.katapult.registry.centre;

/** OpenAPI examples (demo data, not real registrations), composed so each member is written once. */
final class CentreExamples {
    private CentreExamples() {
    }

    /** The demo centre DigiCat (README, "Demo data"), so "Try it out" finds it. */
    static final String DEMO_CENTRE_ID = "4d8d73de-8b99-32d2-a849-ec3f304f6593";

    /** DigiCat's members as a client writes them, apart from its status. */
    private static final String DIGICAT = """
              "code": "digicat",
              "name": "DigiCat",
              "kind": "NATIONAL_CENTRE",
              "focusAreas": ["digital", "simulation", "digital-twins"],
              "hostOrganisation": {"orgNo": "930000043", "name": "DigiCat AS (demo)"},
              "address": {"street": "Borgundvegen 340", "postcode": "6009", "municipality": "Ålesund", "county": "Møre og Romsdal"},
              "description": "Simulering, digitale tvillinger og virtuell prototyping for industrien.",
              "website": "https://digicat.example.no",
              "contactEmail": "post@digicat.example.no",
              "establishedOn": "2018-06-01",
            """;

    static final String REQUEST = "{\n" + DIGICAT + "  \"status\": \"ESTABLISHED\"\n}";

    static final String PHASE_OUT = "{\n" + DIGICAT + "  \"status\": \"PHASED_OUT\"\n}";

    static final String VIEW = "{\n  \"id\": \"" + DEMO_CENTRE_ID + "\",\n" + DIGICAT
            + "  \"status\": \"ESTABLISHED\",\n  \"parentCentreId\": null,\n  \"version\": 0\n}";

    static final String NODE_REQUEST = """
            {
              "code": "smart-innovation-norway",
              "name": "Smart Innovation Norway",
              "kind": "NODE",
              "parentCentreId": null,
              "focusAreas": ["energy", "digital", "industrial-services"],
              "status": "ESTABLISHED",
              "hostOrganisation": {"orgNo": "930000019", "name": "Smart Innovation Norway (demo)"},
              "address": {"street": "Remmen Kunnskapspark", "postcode": "1783", "municipality": "Halden", "county": "Østfold"},
              "description": "Regional node i Halden med testfasiliteter for energi og digitalisering.",
              "website": "https://smartinnovationnorway.example.no",
              "contactEmail": "post@sin.example.no",
              "establishedOn": "2023-01-01"
            }""";
}
