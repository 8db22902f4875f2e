package no.katapult.registry.organisation;

import java.math.BigDecimal;

/**
 * Enterprise size class by Commission Recommendation 2003/361/EC: a class applies when the staff
 * headcount is below its limit and either the turnover or the balance-sheet total is within its
 * ceiling. Ceilings are in EUR; declarations are in NOK.
 */
public enum SmeClass {
    MICRO(10, new BigDecimal("2000000"), new BigDecimal("2000000")),
    SMALL(50, new BigDecimal("10000000"), new BigDecimal("10000000")),
    MEDIUM(250, new BigDecimal("50000000"), new BigDecimal("43000000")),
    LARGE(Integer.MAX_VALUE, null, null);

    private final int employeesBelow;
    private final BigDecimal maxTurnoverEur;
    private final BigDecimal maxBalanceSheetEur;

    SmeClass(int employeesBelow, BigDecimal maxTurnoverEur, BigDecimal maxBalanceSheetEur) {
        this.employeesBelow = employeesBelow;
        this.maxTurnoverEur = maxTurnoverEur;
        this.maxBalanceSheetEur = maxBalanceSheetEur;
    }

    /**
     * The smallest class the figures fit. The EUR ceilings are converted to NOK (multiplying, so no
     * rounding of the declared amounts is involved).
     */
    public static SmeClass classify(int employees, BigDecimal turnoverNok, BigDecimal balanceSheetNok,
                                    BigDecimal eurNokRate) {
        for (SmeClass c : values()) {
            if (c == LARGE) {
                break;
            }
            boolean staff = employees < c.employeesBelow;
            boolean turnover = turnoverNok.compareTo(c.maxTurnoverEur.multiply(eurNokRate)) <= 0;
            boolean balance = balanceSheetNok.compareTo(c.maxBalanceSheetEur.multiply(eurNokRate)) <= 0;
            if (staff && (turnover || balance)) {
                return c;
            }
        }
        return LARGE;
    }

    public boolean isSme() {
        return this != LARGE;
    }
}
