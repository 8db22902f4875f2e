package no.katapult.common.time;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Writes an OffsetDateTime as DateTimeFormatter.ISO_OFFSET_DATE_TIME does (Jackson's default for it),
 * for answers with hundreds of times, such as availability. Written by hand because java.time's generic
 * printer chain cost about a sixth of facility-booking's CPU there (docs/performance.md); a property test
 * holds it to the formatter. Years outside 0000..9999 and offsets with seconds go to the formatter.
 */
public final class IsoOffsetDateTimeSerializer extends StdSerializer<OffsetDateTime> {

    /** yyyy-MM-ddTHH:mm:ss.nnnnnnnnn+HH:MM */
    private static final int MAX_LENGTH = 35;

    /**
     * One buffer per thread: writeString copies it at once, and a new one per value was 15 % of what availability
     * allocated (docs/performance.md).
     */
    private static final ThreadLocal<char[]> BUFFER = ThreadLocal.withInitial(() -> new char[MAX_LENGTH]);

    public IsoOffsetDateTimeSerializer() {
        super(OffsetDateTime.class);
    }

    @Override
    public void serialize(OffsetDateTime value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        char[] text = BUFFER.get();
        int length = format(value, text);
        if (length < 0) {
            gen.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
        } else {
            gen.writeString(text, 0, length);
        }
    }

    public static String format(OffsetDateTime t) {
        char[] text = new char[MAX_LENGTH];
        int length = format(t, text);
        return length < 0 ? DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t) : new String(text, 0, length);
    }

    /** The length written, or -1 when the formatter must do it. */
    private static int format(OffsetDateTime t, char[] text) {
        int year = t.getYear();
        int offset = t.getOffset().getTotalSeconds();
        if (year < 0 || year > 9999 || offset % 60 != 0) {
            return -1;
        }
        int i = digits(text, 0, year, 4);
        text[i++] = '-';
        i = digits(text, i, t.getMonthValue(), 2);
        text[i++] = '-';
        i = digits(text, i, t.getDayOfMonth(), 2);
        text[i++] = 'T';
        i = digits(text, i, t.getHour(), 2);
        text[i++] = ':';
        i = digits(text, i, t.getMinute(), 2);
        text[i++] = ':';
        i = digits(text, i, t.getSecond(), 2);
        int nano = t.getNano();
        if (nano != 0) {
            // As few fraction digits as the value needs, as the formatter's appendFraction(0, 9) prints.
            int places = 9;
            while (nano % 10 == 0) {
                nano /= 10;
                places--;
            }
            text[i++] = '.';
            i = digits(text, i, nano, places);
        }
        if (offset == 0) {
            text[i++] = 'Z';
        } else {
            text[i++] = offset < 0 ? '-' : '+';
            int minutes = Math.abs(offset) / 60;
            i = digits(text, i, minutes / 60, 2);
            text[i++] = ':';
            i = digits(text, i, minutes % 60, 2);
        }
        return i;
    }

    /** value, zero-padded to places digits, at text[at]. */
    private static int digits(char[] text, int at, int value, int places) {
        for (int p = at + places - 1; p >= at; p--) {
            text[p] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + places;
    }
}
