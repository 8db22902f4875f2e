package no.katapult.booking.registry;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import no.katapult.booking.config.BookingConfig;
import no.katapult.common.testing.TestOrgNumbers;
import no.katapult.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static no.katapult.booking.Api.book;
import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An organisation's declared SME class is reused for its bookings for a bounded time (REGISTRY_SME_CLASS_TTL), so
 * that most bookings cost one registry call instead of two. A changed declaration reaches bookings at most that
 * late; a missing one is asked for every time; and a remembered class never lets a booking through while the
 * registry is down, because the facility is always read as it is now.
 */
@QuarkusTest
class RegistrySmeClassTest extends WithClosedBreaker {

    @Inject
    BookingConfig config;

    @Test
    void aChangedDeclarationReachesBookingsWithinTheBound() {
        Duration bound = config.registry().smeClassTtl();
        String org = TestOrgNumbers.fresh();
        String token = TestTokens.sme("sme-" + org, org);
        String organisation = "/api/v1/organisations/" + org;
        UUID facility = RegistryStub.facility().prices("1000.00", "400.00").register();
        RegistryStub.organisation(org, "SMALL");

        book(token, "FACILITY", facility, "2027-01-11T10:00:00+01:00", "2027-01-11T11:00:00+01:00")
                .then().statusCode(201).body("price.basis", equalTo("SME")).body("price.hourly.amount", equalTo(400.0f));
        RegistryStub.organisation(org, "LARGE");

        clock.set(clock.instant().plus(bound).minusSeconds(1));
        book(token, "FACILITY", facility, "2027-01-11T11:00:00+01:00", "2027-01-11T12:00:00+01:00")
                .then().statusCode(201).body("price.basis", equalTo("SME"));
        assertEquals(1, RegistryStub.requestsFor(organisation), "within the bound the declared class is reused");

        clock.set(clock.instant().plusSeconds(1));
        book(token, "FACILITY", facility, "2027-01-11T12:00:00+01:00", "2027-01-11T13:00:00+01:00")
                .then().statusCode(201).body("price.basis", equalTo("STANDARD")).body("price.hourly.amount", equalTo(1000.0f));
        assertEquals(2, RegistryStub.requestsFor(organisation), "once the bound has passed the registry is asked again");
    }

    @Test
    void aMissingDeclarationIsAskedForAgainSoAFirstDeclarationAppliesAtOnce() {
        String org = TestOrgNumbers.fresh();
        String token = TestTokens.sme("sme-" + org, org);
        UUID facility = RegistryStub.facility().prices("1000.00", "400.00").register();
        RegistryStub.organisation(org, null);

        assertProblem(book(token, "FACILITY", facility, "2027-01-11T10:00:00+01:00", "2027-01-11T11:00:00+01:00"),
                422, "sme-declaration-missing");
        RegistryStub.organisation(org, "MICRO");

        book(token, "FACILITY", facility, "2027-01-11T10:00:00+01:00", "2027-01-11T11:00:00+01:00")
                .then().statusCode(201).body("price.basis", equalTo("SME"));
        assertEquals(2, RegistryStub.requestsFor("/api/v1/organisations/" + org));
    }

    @Test
    void aRememberedClassDoesNotMakeABookingWhileTheRegistryIsDown() {
        String org = TestOrgNumbers.fresh();
        String token = TestTokens.sme("sme-" + org, org);
        UUID facility = RegistryStub.facility().prices("1000.00", "400.00").register();
        RegistryStub.organisation(org, "SMALL");
        book(token, "FACILITY", facility, "2027-01-11T10:00:00+01:00", "2027-01-11T11:00:00+01:00")
                .then().statusCode(201);

        RegistryStub.shutDown();
        try {
            assertProblem(book(token, "FACILITY", facility, "2027-01-11T11:00:00+01:00", "2027-01-11T12:00:00+01:00"),
                    503, "registry-unavailable");
        } finally {
            RegistryStub.restart();
        }
    }
}
