package no.katapult.e2e;

import no.katapult.client.Answer;
import no.katapult.openapi.ApiException;
import no.katapult.openapi.api.StateAidApi;
import no.katapult.openapi.model.AidStatement;
import no.katapult.openapi.model.AidStatementLine;
import no.katapult.openapi.model.AidStatementRollingPeriod;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static no.katapult.e2e.Suite.API;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An SME's written aid statement, read as its reader would: the PDF's text, extracted by PDFBox, must name every
 * booking of the JSON form with the same figures, and carry the same totals.
 */
final class AidStatementCheck {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    /** A table row as extracted: the day granted, the facility (first line of its cell), then four figures. */
    private static final Pattern ROW = Pattern.compile(
            "(?m)^(\\d\\d\\.\\d\\d\\.\\d{4}) (.+?) (-?[\\d ]+,\\d\\d) (-?[\\d ]+,\\d\\d) (-?[\\d ]+,\\d\\d) (-?[\\d ]+,\\d\\d)$");

    private AidStatementCheck() {
    }

    /** The statement as JSON (through the generated client) and as PDF agree; returns the JSON for the caller's own checks. */
    static AidStatement check(String user, String orgNo, int year) throws IOException, ApiException {
        AidStatement statement = new StateAidApi(Clients.as(user)).getAidStatement(orgNo, String.valueOf(year));
        // The PDF is bytes, not JSON: read as such.
        Answer pdf = API.get("/api/v1/aid/" + orgNo + "/statement").as(user).query("year", year)
                .header("Accept", "application/pdf").send();
        assertEquals(200, pdf.status(), pdf::toString);
        assertTrue(pdf.contentType().startsWith("application/pdf"), pdf::toString);
        assertTrue(pdf.header("Content-Disposition").orElse("").contains("de-minimis-" + orgNo + "-" + year + ".pdf"),
                pdf::toString);
        String text = text(pdf.bytes());

        assertTrue(text.contains("Organisasjonsnummer: " + orgNo), text);
        assertTrue(text.contains("Støtte tildelt i " + year), text);
        List<AidStatementLine> lines = statement.getBookings();
        List<String> rows = new ArrayList<>();
        Matcher m = ROW.matcher(text);
        while (m.find()) {
            rows.add(m.group());
        }
        assertEquals(lines.size(), rows.size(), "one table row per booking of the JSON form:\n" + text);
        for (int i = 0; i < lines.size(); i++) {
            AidStatementLine line = lines.get(i);
            String facility = line.getFacilityName() != null ? line.getFacilityName() : line.getResourceName();
            String row = rows.get(i);
            assertTrue(row.startsWith(line.getGrantedOn().format(DATE) + " " + facility.split(" ")[0]),
                    "row " + i + " is the booking granted on " + line.getGrantedOn() + " of " + facility + ": " + row);
            assertTrue(row.endsWith(figure(line.getStandardPrice().getAmount()) + " " + figure(line.getPricePaid().getAmount())
                    + " " + figure(line.getAidAmount().getAmount()) + " " + figure(line.getAidAmountEur())),
                    "row " + i + " carries the JSON figures " + line + ": " + row);
            OffsetDateTime start = line.getStart().atZoneSameInstant(OSLO).toOffsetDateTime();
            OffsetDateTime end = line.getEnd().atZoneSameInstant(OSLO).toOffsetDateTime();
            if (start.toLocalDate().equals(end.toLocalDate())) {
                assertTrue(text.contains(start.format(DATE) + " kl. " + start.format(TIME) + "–" + end.format(TIME)),
                        "the period of " + line.getBookingId() + ":\n" + text);
            }
        }
        assertTrue(text.contains("Sum støtte tildelt i " + year + " " + figure(statement.getYearTotal().getAmount()) + " "
                + figure(statement.getYearTotalEur())), "the year's total as in JSON " + statement + ":\n" + text);
        AidStatementRollingPeriod period = statement.getRollingThreeYears();
        assertTrue(text.contains("Gjenstående innenfor taket " + figure(period.getHeadroom().getAmount()) + " "
                + figure(period.getHeadroomEur())), "the headroom as in JSON " + period + ":\n" + text);
        assertTrue(text.contains("Tak for bagatellmessig støtte over tre år " + figure(period.getCeiling().getAmount())),
                text);
        assertTrue(text.contains("2023/2831"), "cites the regulation:\n" + text);
        return statement;
    }

    /** The text as a reader would copy it: lines in page order, no-break spaces as spaces. */
    private static String text(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            return stripper.getText(doc).replace('\u00a0', ' ');
        }
    }

    /** A figure as the statement prints it: "1 234,50". */
    private static String figure(BigDecimal amount) {
        assertTrue(amount != null, "an amount");
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.forLanguageTag("nb"));
        symbols.setGroupingSeparator(' ');
        symbols.setDecimalSeparator(',');
        DecimalFormat format = new DecimalFormat("#,##0.00", symbols);
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(amount);
    }
}
