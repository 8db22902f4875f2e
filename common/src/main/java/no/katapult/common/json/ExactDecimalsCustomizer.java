package no.katapult.common.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Money is exact (API guide): a decimal read into a JSON tree stays a BigDecimal with its scale, so
 * {"amount": 1250.00} written into an event, stored as jsonb and read back is still 1250.00, not 1250 or
 * 1250.0. Jackson otherwise reads untyped decimals as doubles and strips trailing zeros from tree nodes.
 */
@Singleton
public class ExactDecimalsCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    }
}
