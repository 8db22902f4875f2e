package no.katapult.booking.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;

/**
 * The settings of facility-booking, one key each; application.properties maps each key to the
 * environment variable that the README documents. The EUR/NOK rate is shared by every service and
 * comes from common's CatapultConfig.
 */
@ConfigMapping(prefix = "catapult")
public interface BookingConfig {

    /**
     * De minimis ceiling per undertaking over three rolling years, in EUR (env BOOKING_DE_MINIMIS_CEILING_EUR).
     * Configuration, because Norway's incorporation of Regulation (EU) 2023/2831 is decided elsewhere.
     */
    @Positive
    BigDecimal deMinimisCeilingEur();

    /** Who grants the aid, as the written aid statement names it (env BOOKING_AID_GRANTING_BODY). */
    @NotBlank
    String aidGrantingBody();

    /** The widest availability window one request may ask for. */
    @Positive
    @WithDefault("31")
    int availabilityMaxWindowDays();

    /**
     * How many blocked periods availability keeps in memory, over all calendars (env
     * BOOKING_AVAILABILITY_CACHE_PERIODS); 16 bytes each. Each read is checked against the calendar's version in
     * the database, so the size bounds memory only, never staleness. 0 reads every window from the database.
     */
    @PositiveOrZero
    long availabilityCachePeriods();

    Registry registry();

    /** catapult-registry: facility data, prices and SME declarations. */
    interface Registry {
        /** Where it answers (env REGISTRY_URL). */
        URI url();

        /** Time allowed to open a connection (env REGISTRY_CONNECT_TIMEOUT_MS). */
        Duration connectTimeout();

        /** Time allowed for the answer once connected (env REGISTRY_READ_TIMEOUT_MS). */
        Duration readTimeout();

        /** How long the circuit stays open once the registry keeps failing (env REGISTRY_CIRCUIT_DELAY_MS). */
        Duration circuitDelay();

        /**
         * How long facility, item and centre data is cached for availability (env REGISTRY_CACHE_TTL); a booking
         * reads its facility and item past the cache.
         */
        Duration cacheTtl();

        /**
         * How long an organisation's declared SME class is reused for its bookings (env REGISTRY_SME_CLASS_TTL):
         * the bound on how late a changed declaration reaches a booking's price and aid. 0S asks for every booking.
         */
        Duration smeClassTtl();
    }
}
