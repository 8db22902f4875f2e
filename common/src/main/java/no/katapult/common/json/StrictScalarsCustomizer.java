package no.katapult.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * "Wrong types are a 400" (API guide): Jackson by default turns 12345 into "12345", "12" into 12,
 * 1 into true and 12.7 into 12. Those silent coercions hide client bugs, so they fail here and the
 * common mappers answer 400 naming the field. Unknown properties stay tolerated for compatibility.
 */
@Singleton
public class StrictScalarsCustomizer implements ObjectMapperCustomizer {

    /** Last, after Quarkus registers its java.time module, so the text-only readers below win. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Float)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        // Timestamps and dates are strings; the java.time readers would take a bare number as epoch
        // time and ignore the coercion settings, so they only see strings here.
        SimpleModule textOnlyTime = new SimpleModule("katapult-text-only-time");
        textOnlyTime.addDeserializer(OffsetDateTime.class, textOnly(OffsetDateTime.class, InstantDeserializer.OFFSET_DATE_TIME));
        textOnlyTime.addDeserializer(Instant.class, textOnly(Instant.class, InstantDeserializer.INSTANT));
        textOnlyTime.addDeserializer(LocalDate.class, textOnly(LocalDate.class, LocalDateDeserializer.INSTANCE));
        mapper.registerModule(textOnlyTime);
    }

    static <T> JsonDeserializer<T> textOnly(Class<T> type, JsonDeserializer<? extends T> delegate) {
        return new StdDeserializer<T>(type) {
            @Override
            @SuppressWarnings("unchecked")
            public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                if (!p.hasToken(JsonToken.VALUE_STRING)) {
                    return (T) ctxt.handleUnexpectedToken(type, p);
                }
                return delegate.deserialize(p, ctxt);
            }
        };
    }
}
