package no.katapult.registry.organisation;

import no.katapult.common.money.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrganisationTest {

    static final OffsetDateTime FIRST = OffsetDateTime.parse("2027-01-05T10:00:00+01:00");
    static final OffsetDateTime LATER = FIRST.plusMonths(3);
    static final BigDecimal RATE = new BigDecimal("11.50");

    static Organisation declared(OrganisationRequest in) {
        Organisation o = Organisation.create(OrganisationRequestTest.ANNA);
        o.apply(in, FIRST);
        return o;
    }

    @Test
    void aDeclarationIsDatedWhenItChangesNotWhenItIsRepeated() {
        Organisation o = declared(OrganisationRequestTest.withDeclaration(2025));
        assertEquals(FIRST, o.smeDeclaredAt);
        assertEquals(OrganisationRequestTest.declaration(2025), o.declaration());

        o.apply(OrganisationRequestTest.withDeclaration(2025), LATER);
        assertEquals(FIRST, o.smeDeclaredAt);
        assertEquals(LATER, o.updatedAt);

        o.apply(OrganisationRequestTest.withDeclaration(2026), LATER);
        assertEquals(LATER, o.smeDeclaredAt);
        assertEquals(FIRST, o.createdAt);
    }

    @Test
    void leavingTheDeclarationOutRemovesItAndItsClass() {
        Organisation o = declared(OrganisationRequestTest.withDeclaration(2025));
        assertEquals(SmeClass.SMALL, o.smeClass(RATE));
        o.apply(new OrganisationRequest(null, " Anna AS ", OrganisationKind.COMPANY, null, null), LATER);
        assertNull(o.declaration());
        assertNull(o.smeDeclaredAt);
        assertNull(o.smeClass(RATE));
        assertEquals("Anna AS", o.name);
    }

    @Test
    void linkedEnterprisesFlagAReview() {
        assertFalse(OrganisationView.of(declared(OrganisationRequestTest.withDeclaration(2025)), RATE).smeReviewRequired());
        SmeDeclaration linked = new SmeDeclaration(5, Money.nok("1000000"),
                Money.nok("500000"), 2025, true);
        OrganisationView view = OrganisationView.of(declared(
                new OrganisationRequest(null, "Anna AS", OrganisationKind.COMPANY, null, linked)), RATE);
        assertTrue(view.smeReviewRequired());
        assertEquals(SmeClass.MICRO, view.smeClass());
    }
}
