package no.katapult.booking.registry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import no.katapult.booking.booking.ResourceType;
import no.katapult.common.money.Money;
import no.katapult.common.problem.ProblemException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/** What bookings need from catapult-registry, with its failures turned into problems (503, never 500). */
@ApplicationScoped
public class Registry {

    private static final Logger LOG = Logger.getLogger(Registry.class);

    @Inject
    RegistryGateway gateway;

    /** The resource with its facility and centre; empty when the registry does not know it. */
    public Optional<BookableResource> resource(ResourceType type, UUID id) {
        return available(() -> {
            try {
                return Optional.of(resolve(type, id));
            } catch (RegistryNotFoundException e) {
                return Optional.empty();
            }
        });
    }

    /** The organisation and its SME class; empty when the registry has no record of it. */
    public Optional<RegistryOrganisation> organisation(String orgNo, String bearerToken) {
        return available(() -> {
            try {
                return Optional.of(gateway.organisation(orgNo, bearerToken));
            } catch (RegistryNotFoundException e) {
                return Optional.empty();
            }
        });
    }

    private BookableResource resolve(ResourceType type, UUID id) {
        if (type == ResourceType.FACILITY) {
            RegistryFacility facility = gateway.facility(id);
            return new BookableResource(type, id, facility.name(), facility, centreCode(facility),
                    facility.standardPrice(), smeOrStandard(facility.smePrice(), facility.standardPrice()),
                    facility.isBookable(), facility.isActive());
        }
        RegistryEquipment item = gateway.equipment(id);
        if (item.facilityId() == null) {
            throw new RegistryNotFoundException("facility of equipment " + id);
        }
        RegistryFacility facility = gateway.facility(item.facilityId());
        // Equipment without prices of its own is charged at its facility's.
        Money standard = item.standardPrice() != null ? item.standardPrice() : facility.standardPrice();
        Money sme = item.standardPrice() != null ? smeOrStandard(item.smePrice(), item.standardPrice())
                : smeOrStandard(facility.smePrice(), facility.standardPrice());
        return new BookableResource(type, id, item.name(), facility, centreCode(facility), standard, sme,
                item.isBookable() && facility.isBookable(), item.isActive() && facility.isActive());
    }

    private String centreCode(RegistryFacility facility) {
        if (facility.centreCode() != null && !facility.centreCode().isBlank()) {
            return facility.centreCode();
        }
        if (facility.centreId() == null) {
            throw new RegistryUnavailableException("The registry gave facility " + facility.id() + " no centre", null);
        }
        return gateway.centre(facility.centreId()).code();
    }

    private static Money smeOrStandard(Money sme, Money standard) {
        return sme != null ? sme : standard;
    }

    private static <T> T available(Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof CircuitBreakerOpenException) {
                    throw unavailable("catapult-registry is failing; requests are paused for a few seconds");
                }
                if (t instanceof RegistryUnavailableException || t instanceof FaultToleranceException) {
                    LOG.warnf("Registry call failed: %s", t.getMessage());
                    throw unavailable("catapult-registry did not answer; try again shortly");
                }
                if (t instanceof RegistryNotFoundException) {
                    throw unavailable("catapult-registry is missing data it refers to");
                }
            }
            throw e;
        }
    }

    private static ProblemException unavailable(String detail) {
        return ProblemException.serviceUnavailable("registry-unavailable", detail).header("Retry-After", "5");
    }
}
