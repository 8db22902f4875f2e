package no.katapult.booking.aid;

import no.katapult.common.money.Money;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.UUID;

/** The data of the aid events: aid granted with a booking, or released with its cancellation or rejection. */
@Schema(name = "AidEvent", extensions = @Extension(name = "x-event-data", value = "true", parseValue = true), description = "De minimis aid granted or released with one booking")
public record AidEventView(String orgNo, UUID bookingId, Money amount, BigDecimal amountEur, String regulation) {
}
