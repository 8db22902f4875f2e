package no.katapult.registry.facility;

/** OpenAPI examples of facilities and equipment (demo data), composed so each member is written once. */
final class FacilityExamples {
    private FacilityExamples() {
    }

    private static final String FACILITY_ID = "\"0b9f3c2e-8a41-4d0c-b7f5-5d6c1e2a9f30\"";

    /** The printer's members as a client writes them, apart from its facility. */
    private static final String PRINTER = """
              "name": "Industriell 3D-printer for metall",
              "category": "3d-printer",
              "manufacturer": "EOS",
              "model": "M 290",
              "description": "Pulverbed-printer for titan og aluminium.",
              "capabilities": ["metal-am"],
              "bookable": true,
              "standardPrice": {"amount": 1800.00, "currency": "NOK"},
              "smePrice": {"amount": 1100.00, "currency": "NOK"}""";

    static final String EQUIPMENT_REQUEST = "{\n  \"facilityId\": " + FACILITY_ID + ",\n" + PRINTER + "\n}";

    static final String EQUIPMENT_VIEW = "{\n  \"id\": \"3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f\",\n  \"facilityId\": "
            + FACILITY_ID + ",\n" + PRINTER + ",\n  \"version\": 0\n}";

    /** The lab's members as a client writes them, apart from its opening hours. */
    private static final String LAB = """
              "centreId": "6f1c2a9e-3b7d-4c1a-9a55-0d8e2f4b7c11",
              "name": "Additiv tilvirkningslab",
              "type": "LAB",
              "description": "Laboratorium for 3D-printing i metall og polymer, med etterbehandling.",
              "capabilities": ["additive-manufacturing", "metal", "polymer"],
              "capacity": 8,
              "address": {"street": "Fjordgata 1", "postcode": "2830", "municipality": "Gjøvik", "county": "Innlandet"},
              "closures": [{"from": "2026-12-24", "to": "2027-01-01", "reason": "Juleferie"}],
              "bookingRules": {
                "minDurationMinutes": 60, "maxDurationMinutes": 480, "slotGranularityMinutes": 30,
                "leadTimeHours": 24, "horizonDays": 180, "bufferMinutes": 15,
                "requiresApproval": false, "freeCancellationNoticeHours": 48
              },
              "standardPrice": {"amount": 1250.00, "currency": "NOK"},
              "smePrice": {"amount": 750.00, "currency": "NOK"},
              "bookable": true,
              "active": true,
            """;

    static final String REQUEST = "{\n" + LAB + """
              "openingHours": {
                "MONDAY": [{"from": "08:00", "to": "16:00"}],
                "TUESDAY": [{"from": "08:00", "to": "16:00"}],
                "WEDNESDAY": [{"from": "08:00", "to": "16:00"}],
                "THURSDAY": [{"from": "08:00", "to": "16:00"}],
                "FRIDAY": [{"from": "08:00", "to": "12:00"}, {"from": "13:00", "to": "24:00"}]
              }
            }""";

    static final String VIEW = "{\n  \"id\": " + FACILITY_ID + ",\n  \"centreCode\": \"manufacturing-technology\",\n"
            + LAB + """
              "openingHours": {
                "MONDAY": [{"from": "08:00", "to": "16:00"}],
                "FRIDAY": [{"from": "08:00", "to": "12:00"}, {"from": "13:00", "to": "24:00"}]
              },
              "version": 0,
              "equipment": [
            """ + EQUIPMENT_VIEW + "]\n}";
}
