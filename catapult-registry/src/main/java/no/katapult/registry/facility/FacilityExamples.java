package no.katapult.registry.facility;

/**
 * OpenAPI examples of facilities and equipment, composed so each member is written once. The ids are those
 * of the demo data that {@code ./catapult up} loads (README, "Demo data"), so "Try it out" finds them.
 */
final class FacilityExamples {
    private FacilityExamples() {
    }

    /** The demo facility "Additiv tilvirkning-lab (demo)" of Manufacturing Technology. */
    static final String DEMO_FACILITY_ID = "62a1ad85-fcf5-3f01-ae26-40fc2690d5a0";

    /** The demo item "Metall-3D-printer (demo)" in that lab. */
    static final String DEMO_EQUIPMENT_ID = "6cd49514-f395-369a-804f-b47566b88077";

    private static final String FACILITY_ID = "\"" + DEMO_FACILITY_ID + "\"";

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

    static final String EQUIPMENT_VIEW = "{\n  \"id\": \"" + DEMO_EQUIPMENT_ID + "\",\n  \"facilityId\": "
            + FACILITY_ID + ",\n" + PRINTER + ",\n  \"version\": 0\n}";

    /** The lab's members as a client writes them, apart from its opening hours. */
    private static final String LAB = """
              "centreId": "3bea15be-1127-369c-8d7e-d096dc36cf55",
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
