package no.katapult.booking.aid;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The de minimis rule (Regulation (EU) 2023/2831): at most the ceiling (EUR 300,000 by default) of
 * aid per undertaking over any three years. Both the ceiling and the EUR/NOK rate are configuration,
 * because Norway's incorporation date and the official rate are decided elsewhere.
 */
@ApplicationScoped
public class AidPolicy {

    public static final int WINDOW_YEARS = 3;

    @ConfigProperty(name = "booking.de-minimis.ceiling-eur")
    BigDecimal ceilingEur;

    @ConfigProperty(name = "booking.eur-nok-rate")
    BigDecimal eurNokRate;

    public BigDecimal ceilingEur() {
        return ceilingEur.setScale(2, RoundingMode.HALF_UP);
    }

    public BigDecimal eurNokRate() {
        return eurNokRate;
    }

    public BigDecimal ceilingNok() {
        return ceilingEur.multiply(eurNokRate).setScale(2, RoundingMode.HALF_UP);
    }

    public BigDecimal toEur(BigDecimal nok) {
        return nok.divide(eurNokRate, 2, RoundingMode.HALF_UP);
    }

    /** Aid awarded after this instant counts against the ceiling at {@code now}. */
    public OffsetDateTime windowStart(Instant now) {
        return now.atOffset(ZoneOffset.UTC).minusYears(WINDOW_YEARS);
    }
}
