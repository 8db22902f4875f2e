package no.katapult.registry.centre;

import no.katapult.registry.Address;
import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.time.OffsetDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CentreTest {

    static final OffsetDateTime CREATED = OffsetDateTime.parse("2027-03-28T01:30:00+01:00");

    @Test
    void aCentreStoresTrimmedTextAndFocusAreasAsASet() {
        Centre c = Centre.create(UUID.randomUUID(), CentreRequestTest.request(CentreKind.NATIONAL_CENTRE, null), CREATED);
        assertEquals("DigiCat", c.name);
        assertEquals(List.of("digital", "simulation"), c.focusAreas);
        assertEquals(new HostOrganisation("930000043", "DigiCat AS"), c.hostOrganisation());
        assertEquals(new Address("Borgundvegen 340", "6009", "Ålesund", "Møre og Romsdal"), c.address());
        assertEquals(CREATED, c.createdAt);
        assertEquals(CREATED, c.updatedAt);
    }

    @Test
    void aReplacementKeepsTheCreationTimeAndCanPhaseOut() {
        Centre c = Centre.create(UUID.randomUUID(), CentreRequestTest.request(CentreKind.NATIONAL_CENTRE, null), CREATED);
        CentreRequest r = CentreRequestTest.request(CentreKind.NATIONAL_CENTRE, null);
        CentreRequest phasedOut = new CentreRequest(r.code(), r.name(), r.kind(), null, r.focusAreas(),
                CentreStatus.PHASED_OUT, null, r.address(), null, null, null, null);
        c.apply(phasedOut, CREATED.plusDays(1));
        assertEquals(CREATED, c.createdAt);
        assertEquals(CREATED.plusDays(1), c.updatedAt);
        assertTrue(c.isPhasedOut());
        assertNull(c.hostOrganisation());
    }
}
