package no.katapult.registry.organisation;

/** OpenAPI examples (demo data), composed so each member is written once. */
final class OrganisationExamples {
    private OrganisationExamples() {
    }

    private static final String ANNA = """
              "name": "Anna Prototyping AS (demo)",
              "kind": "COMPANY",
              "smeDeclaration": {
                "employees": 12,
                "annualTurnover": {"amount": 18500000.00, "currency": "NOK"},
                "balanceSheetTotal": {"amount": 9200000.00, "currency": "NOK"},
                "fiscalYear": 2025,
                "hasLinkedEnterprises": false
              }""";

    static final String REQUEST = "{\n" + ANNA + "\n}";

    static final String VIEW = "{\n  \"orgNo\": \"910000012\",\n" + ANNA
            + ",\n  \"smeClass\": \"SMALL\",\n  \"smeReviewRequired\": false\n}";
}
