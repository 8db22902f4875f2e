package no.katapult.registry.organisation;

import no.katapult.common.money.Money;
import no.katapult.common.problem.FieldErrors;
import no.katapult.common.problem.Problem;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OrganisationRequestTest {

    static final String ANNA = "910000012";

    static SmeDeclaration declaration(int fiscalYear) {
        return new SmeDeclaration(12, Money.nok("18500000"), Money.nok("9200000"), fiscalYear, false);
    }

    static List<String> fields(String pathOrgNo, OrganisationRequest request, int currentYear) {
        FieldErrors errors = new FieldErrors();
        request.check(pathOrgNo, currentYear, errors);
        return errors.sorted().stream().map(Problem.FieldError::field).toList();
    }

    @Test
    void thePathNamesAValidOrganisationAndTheBodyMayRepeatIt() {
        OrganisationRequest silent = new OrganisationRequest(null, "Anna AS", OrganisationKind.COMPANY, null, null);
        assertEquals(List.of(), fields(ANNA, silent, 2027));
        assertEquals(List.of(), fields(ANNA, new OrganisationRequest(ANNA, "Anna AS", OrganisationKind.COMPANY, null, null), 2027));
        assertEquals(List.of("orgNo"), fields("123456789", silent, 2027));
        assertEquals(List.of("orgNo"), fields("12345678", silent, 2027));
        assertEquals(List.of("orgNo"),
                fields(ANNA, new OrganisationRequest("920000010", "Anna AS", OrganisationKind.COMPANY, null, null), 2027));
    }

    @Test
    void aDeclarationIsForThisYearOrAnEarlierOne() {
        assertEquals(List.of(), fields(ANNA, withDeclaration(2027), 2027));
        assertEquals(List.of(), fields(ANNA, withDeclaration(2020), 2027));
        assertEquals(List.of("smeDeclaration.fiscalYear"), fields(ANNA, withDeclaration(2028), 2027));
    }

    static OrganisationRequest withDeclaration(int fiscalYear) {
        return new OrganisationRequest(null, "Anna AS", OrganisationKind.COMPANY, null, declaration(fiscalYear));
    }
}
