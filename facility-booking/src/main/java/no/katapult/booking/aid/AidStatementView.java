package no.katapult.booking.aid;

import no.katapult.booking.BookingStatus;
import no.katapult.booking.rules.ResourceType;
import no.katapult.common.money.Money;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The written statement of de minimis aid to one undertaking for one year (Regulation (EU) 2023/2831,
 * Article 6(1)), as data; the PDF is rendered from the same object. Composed by {@link AidStatement}.
 */
@Schema(name = "AidStatement", description = "De minimis aid granted to one organisation in one year, with the rolling "
        + "three-year total against the ceiling. Amounts in NOK, with EUR equivalents at the configured rate, each "
        + "converted from its NOK figure and rounded half-up to the cent.")
public record AidStatementView(
        @Schema(examples = "2027") int year,
        @Schema(description = "When the statement was made (Europe/Oslo offset)") OffsetDateTime issuedAt,
        @Schema(examples = "Siva – Selskapet for industrivekst SF, Norsk katapult") String grantingBody,
        Undertaking undertaking,
        @Schema(description = "NOK per EUR used for every EUR figure", examples = "11.50") BigDecimal eurNokRate,
        @Schema(description = "The organisation's active (REQUESTED or CONFIRMED) bookings whose aid was granted in the "
                + "year (the day it was booked, Europe/Oslo), oldest first. Cancelled and rejected bookings are not "
                + "listed: their aid was released.") List<Line> bookings,
        @Schema(description = "Sum of the bookings' aid") Money yearTotal,
        @Schema(examples = "234782.61") BigDecimal yearTotalEur,
        RollingPeriod rollingThreeYears,
        @Schema(examples = "de minimis, Regulation (EU) 2023/2831") String regulation,
        @Schema(description = "The regulation's full title, as published", examples = AidStatement.REGULATION_TITLE)
        String regulationTitle,
        @Schema(description = "Its publication reference in the Official Journal of the European Union",
                examples = AidStatement.OFFICIAL_JOURNAL) String officialJournal,
        @Schema(description = "Its European Legislation Identifier", examples = AidStatement.ELI) String eli,
        @Schema(description = "The statement's de minimis sentence, in bokmål") String declaration) {

    @Schema(name = "AidStatementUndertaking", description = "The undertaking that received the aid")
    public record Undertaking(
            @Schema(examples = "910000012") String orgNo,
            @Schema(description = "As catapult-registry records it; null when the registry has no record of it",
                    examples = "Anna Prototyping AS (demo)") String name) {
    }

    @Schema(name = "AidStatementLine", description = "One booking that carries aid")
    public record Line(
            UUID bookingId,
            @Schema(description = "The day the aid was granted: the day it was booked, Europe/Oslo") LocalDate grantedOn,
            @Schema(description = "Start of the booked period") OffsetDateTime start,
            OffsetDateTime end,
            BookingStatus status,
            String centreCode,
            String facilityName,
            ResourceType resourceType,
            @Schema(description = "The facility or equipment item booked") String resourceName,
            @Schema(description = "The standard price of the booking") Money standardPrice,
            @Schema(description = "The (SME) price charged") Money pricePaid,
            @Schema(description = "standardPrice - pricePaid") Money aidAmount,
            @Schema(examples = "78260.87") BigDecimal aidAmountEur) {
    }

    @Schema(name = "AidStatementRollingPeriod", description = "The de minimis ceiling applies to any three years. This "
            + "period ends at the statement's cut-off: when it is issued, for the current year (the same window as the "
            + "ceiling check of a new booking), or the end of the year, for a past year (its three calendar years). Aid "
            + "granted after from and up to and including to counts.")
    public record RollingPeriod(
            @Schema(description = "Exclusive start: three years before to") OffsetDateTime from,
            @Schema(description = "Inclusive end: issuedAt, or the last microsecond of a past year") OffsetDateTime to,
            @Schema(description = "Aid of active bookings granted in the period") Money aidTotal,
            BigDecimal aidTotalEur,
            Money ceiling,
            @Schema(examples = "300000.00") BigDecimal ceilingEur,
            @Schema(description = "ceiling - aidTotal, never negative") Money headroom,
            BigDecimal headroomEur) {
    }
}
