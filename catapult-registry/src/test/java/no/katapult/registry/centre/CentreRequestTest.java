package no.katapult.registry.centre;

import no.katapult.common.problem.FieldErrors;
import no.katapult.common.problem.Problem;
import no.katapult.registry.Address;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CentreRequestTest {

    static CentreRequest request(CentreKind kind, UUID parent) {
        return new CentreRequest("digicat", " DigiCat ", kind, parent, List.of(" Digital ", "digital", "Simulation"),
                CentreStatus.ESTABLISHED, new HostOrganisation("930000043", " DigiCat AS "),
                new Address("Borgundvegen 340", "6009", " Ålesund", "Møre og Romsdal "), null, null, null, null);
    }

    static List<String> fields(CentreRequest request) {
        FieldErrors errors = new FieldErrors();
        request.check(errors);
        return errors.sorted().stream().map(Problem.FieldError::field).toList();
    }

    @Test
    void onlyANodeNamesAParent() {
        assertEquals(List.of(), fields(request(CentreKind.NODE, UUID.randomUUID())));
        assertEquals(List.of(), fields(request(CentreKind.NODE, null)));
        assertEquals(List.of(), fields(request(CentreKind.NATIONAL_CENTRE, null)));
        assertEquals(List.of("parentCentreId"), fields(request(CentreKind.NATIONAL_CENTRE, UUID.randomUUID())));
    }
}
