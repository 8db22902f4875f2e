package no.katapult.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.CollectionType;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;

/**
 * "Wrong types are a 400" (API guide): Jackson by default turns 12345 into "12345", "12" into 12,
 * 1 into true and 12.7 into 12. Those silent coercions hide client bugs, so they fail here and the
 * common mappers answer 400 naming the field. Unknown properties stay tolerated for compatibility.
 *
 * <p>Hostile input is refused here too, once for every service, before it can cost a lock, a database
 * round trip or a 500: a member given twice (which value would win?), a NUL character in a string
 * (PostgreSQL cannot store it), a timestamp or date whose year has more than RFC 3339's four digits
 * (PostgreSQL cannot store it either), and an array of more than {@value #MAX_ITEMS} items (no request
 * needs one, and validating each of 10 000 nulls takes Hibernate Validator seconds).
 */
@Singleton
public class StrictScalarsCustomizer implements ObjectMapperCustomizer {

    /** Most items of any array in a request body. */
    public static final int MAX_ITEMS = 1_000;

    /** Last, after Quarkus registers its java.time module, so the text-only readers below win. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
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
        SimpleModule hostile = new SimpleModule("katapult-hostile-input");
        hostile.addDeserializer(String.class, new NoNulStringDeserializer());
        hostile.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyCollectionDeserializer(DeserializationConfig config, CollectionType type,
                                                                    BeanDescription beanDesc,
                                                                    JsonDeserializer<?> deserializer) {
                return new BoundedCollectionDeserializer(deserializer);
            }
        });
        mapper.registerModule(hostile);
    }

    /** Strings as Jackson reads them (its coercion settings included), but never with a NUL character. */
    static final class NoNulStringDeserializer extends StdScalarDeserializer<String> {
        NoNulStringDeserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            if (value != null && value.indexOf('\0') >= 0) {
                throw new RejectedValueException(p, "must not contain NUL characters", String.class);
            }
            return value;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }

        @Override
        public boolean isCachable() {
            return true;
        }
    }

    /** Any collection, read as Jackson reads it, refused past {@link #MAX_ITEMS} items. */
    static final class BoundedCollectionDeserializer extends DelegatingDeserializer {
        BoundedCollectionDeserializer(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new BoundedCollectionDeserializer(newDelegatee);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return bounded(p, super.deserialize(p, ctxt));
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object deserialize(JsonParser p, DeserializationContext ctxt, Object intoValue) throws IOException {
            return bounded(p, ((JsonDeserializer<Object>) _delegatee).deserialize(p, ctxt, intoValue));
        }

        private static Object bounded(JsonParser p, Object value) throws RejectedValueException {
            if (value instanceof Collection<?> c && c.size() > MAX_ITEMS) {
                throw new RejectedValueException(p, "must have at most " + MAX_ITEMS + " items", Collection.class);
            }
            return value;
        }
    }

    /** RFC 3339's date-fullyear is four digits; PostgreSQL's timestamptz ends in the year 294276. */
    static boolean fourDigitYear(Object value) {
        int year;
        if (value instanceof OffsetDateTime t) {
            year = t.getYear();
        } else if (value instanceof LocalDate d) {
            year = d.getYear();
        } else if (value instanceof Instant i) {
            if (i.isBefore(Instant.parse("0000-01-01T00:00:00Z")) || !i.isBefore(Instant.parse("+10000-01-01T00:00:00Z"))) {
                return false;
            }
            return true;
        } else {
            return true;
        }
        return year >= 0 && year <= 9999;
    }

    static <T> JsonDeserializer<T> textOnly(Class<T> type, JsonDeserializer<? extends T> delegate) {
        return new StdDeserializer<T>(type) {
            @Override
            @SuppressWarnings("unchecked")
            public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                if (!p.hasToken(JsonToken.VALUE_STRING)) {
                    return (T) ctxt.handleUnexpectedToken(type, p);
                }
                T value = delegate.deserialize(p, ctxt);
                if (value != null && !fourDigitYear(value)) {
                    throw new RejectedValueException(p, "must have a year from 0000 to 9999 (RFC 3339)", type);
                }
                return value;
            }
        };
    }
}
