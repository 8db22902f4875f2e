package no.katapult.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.Locale;

/**
 * Human references KAT-&lt;year&gt;-NNNN. The per-year counter row is bumped by an upsert that keeps its
 * row lock until commit, so concurrent creators queue up and every committed reference is unique and
 * sequential; a rolled-back creation gives its number back.
 */
@ApplicationScoped
public class ReferenceNumbers {

    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public String next(int year) {
        Number value = (Number) em.createNativeQuery(
                        "INSERT INTO application_reference_counter (year, last_value) VALUES (?1, 1) "
                                + "ON CONFLICT (year) DO UPDATE SET last_value = application_reference_counter.last_value + 1 "
                                + "RETURNING last_value")
                .setParameter(1, year).getSingleResult();
        return format(year, value.intValue());
    }

    /** KAT-2026-0007: the year and the number within it, at least four digits. */
    public static String format(int year, int number) {
        return String.format(Locale.ROOT, "KAT-%d-%04d", year, number);
    }
}
