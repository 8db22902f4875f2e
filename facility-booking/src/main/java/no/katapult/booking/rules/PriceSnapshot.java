package no.katapult.booking.rules;

import no.katapult.common.money.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * The price of a booking, fixed when it is made. MICRO, SMALL and MEDIUM organisations pay the SME
 * price; the difference to the standard price is state aid. LARGE pays the standard price, no aid.
 */
public record PriceSnapshot(PriceBasis basis, BigDecimal hourly, BigDecimal total, BigDecimal standardTotal,
                            BigDecimal aidAmount) {

    private static final BigDecimal MINUTES_PER_HOUR = BigDecimal.valueOf(60);

    public static PriceSnapshot of(BookableResource resource, SmeClass smeClass, Duration duration) {
        BigDecimal standardHourly = amount(resource.standardPrice());
        BigDecimal smeHourly = resource.smePrice() == null ? standardHourly : amount(resource.smePrice());
        PriceBasis basis = smeClass == SmeClass.LARGE ? PriceBasis.STANDARD : PriceBasis.SME;
        BigDecimal hourly = basis == PriceBasis.SME ? smeHourly.min(standardHourly) : standardHourly;
        BigDecimal total = forDuration(hourly, duration);
        BigDecimal standardTotal = forDuration(standardHourly, duration);
        return new PriceSnapshot(basis, hourly.setScale(2, RoundingMode.HALF_UP), total, standardTotal,
                standardTotal.subtract(total).max(BigDecimal.ZERO));
    }

    private static BigDecimal forDuration(BigDecimal hourly, Duration duration) {
        return hourly.multiply(BigDecimal.valueOf(duration.toMinutes()))
                .divide(MINUTES_PER_HOUR, 2, RoundingMode.HALF_UP);
    }

    private static BigDecimal amount(Money money) {
        return money == null || money.amount() == null ? BigDecimal.ZERO : money.amount();
    }
}
