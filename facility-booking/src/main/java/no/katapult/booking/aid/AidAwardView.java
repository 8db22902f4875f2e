package no.katapult.booking.aid;

import no.katapult.booking.BookingStatus;
import no.katapult.booking.rules.ResourceType;
import no.katapult.common.money.Money;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** One award of aid: a booking at the SME price, valued at the difference to the standard price. */
@Schema(name = "AidAward")
public record AidAwardView(LocalDate awardDate, String orgNo, UUID bookingId, String centreCode, UUID facilityId,
                       ResourceType resourceType, UUID resourceId, String resourceName, OffsetDateTime start,
                       OffsetDateTime end, BookingStatus status, String aidInstrument, Money standardTotal,
                       Money chargedTotal, Money aidAmount, BigDecimal aidAmountEur) {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    public static final List<String> CSV_HEADER = List.of("awardDate", "orgNo", "bookingId", "centreCode", "facilityId",
            "resourceType", "resourceId", "resourceName", "start", "end", "status", "aidInstrument",
            "standardTotalNok", "chargedTotalNok", "aidAmountNok", "aidAmountEur");

    public String csvRow() {
        return Stream.of(awardDate.toString(), orgNo, bookingId.toString(), centreCode, facilityId.toString(),
                        resourceType.name(), resourceId.toString(), resourceName, ISO.format(start), ISO.format(end),
                        status.name(), aidInstrument, standardTotal.amount().toPlainString(),
                        chargedTotal.amount().toPlainString(), aidAmount.amount().toPlainString(),
                        aidAmountEur.toPlainString())
                .map(AidAwardView::csvField).collect(Collectors.joining(","));
    }

    /** RFC 4180 quoting; a leading formula character is neutralised so spreadsheets do not execute it. */
    static String csvField(String value) {
        if (value == null) {
            return "";
        }
        String v = value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 && !v.matches("-?[0-9.]+")) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
