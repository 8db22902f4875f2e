package no.katapult.booking.aid;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import no.katapult.booking.config.BookingConfig;
import no.katapult.common.CatapultConfig;
import no.katapult.common.money.Money;
import no.katapult.common.problem.ProblemException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import no.katapult.common.problem.ProblemMember;

/**
 * The de minimis rule (Regulation (EU) 2023/2831): at most the ceiling (EUR 300,000 by default) of
 * aid per undertaking over any three years. Both the ceiling and the EUR/NOK rate are configuration,
 * because Norway's incorporation date and the official rate are decided elsewhere. Amounts are NOK.
 */
@Singleton
public class AidPolicy {

    public static final int WINDOW_YEARS = 3;

    private final BigDecimal ceilingEur;
    private final BigDecimal eurNokRate;

    @Inject
    AidPolicy(BookingConfig config, CatapultConfig shared) {
        this(config.deMinimisCeilingEur(), shared.eurNokRate());
    }

    public AidPolicy(BigDecimal ceilingEur, BigDecimal eurNokRate) {
        if (ceilingEur.signum() < 0 || eurNokRate.signum() <= 0) {
            throw new IllegalArgumentException("The ceiling must not be negative and the rate must be positive");
        }
        this.ceilingEur = ceilingEur;
        this.eurNokRate = eurNokRate;
    }

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

    /** What may still be granted after {@code used}: never negative. */
    public BigDecimal headroom(BigDecimal used) {
        return ceilingNok().subtract(used).max(BigDecimal.ZERO);
    }

    /** Aid awarded after this instant counts against the ceiling at {@code now}. */
    public OffsetDateTime windowStart(Instant now) {
        return now.atOffset(ZoneOffset.UTC).minusYears(WINDOW_YEARS);
    }

    /**
     * Refuses {@code newAid} when, on top of the {@code used} aid in the window, it would pass the ceiling
     * (422 aid-ceiling-exceeded, with the amounts). Reaching the ceiling exactly is allowed; no aid always is.
     */
    public void check(String orgNo, BigDecimal used, BigDecimal newAid) {
        if (newAid.signum() <= 0 || used.add(newAid).compareTo(ceilingNok()) <= 0) {
            return;
        }
        BigDecimal headroom = headroom(used);
        throw ProblemException.unprocessable("aid-ceiling-exceeded",
                        "This booking carries NOK " + newAid.toPlainString() + " of de minimis aid, but organisation "
                                + orgNo + " has only NOK " + headroom.toPlainString() + " (EUR "
                                + toEur(headroom).toPlainString() + ") left under the ceiling of EUR "
                                + ceilingEur().toPlainString() + " over three years")
                .with(ProblemMember.RULE, "deMinimisCeiling")
                .with(ProblemMember.AID_AMOUNT, Money.nok(newAid))
                .with(ProblemMember.AID_USED, Money.nok(used))
                .with(ProblemMember.CEILING, Money.nok(ceilingNok()))
                .with(ProblemMember.CEILING_EUR, ceilingEur())
                .with(ProblemMember.HEADROOM, Money.nok(headroom))
                .with(ProblemMember.HEADROOM_EUR, toEur(headroom));
    }
}
