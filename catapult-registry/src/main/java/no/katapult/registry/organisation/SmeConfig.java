package no.katapult.registry.organisation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Positive;

import java.math.BigDecimal;

@ConfigMapping(prefix = "catapult.sme")
public interface SmeConfig {

    /** NOK per EUR, for converting declared NOK amounts against the EUR ceilings (env CATAPULT_EUR_NOK_RATE). */
    @Positive
    @WithDefault("11.5")
    BigDecimal eurNokRate();
}
