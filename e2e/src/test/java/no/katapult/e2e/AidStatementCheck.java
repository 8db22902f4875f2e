package no.katapult.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import no.katapult.client.Answer;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.OffsetDateTime;
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

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    /** A table row as extracted: the day granted, the facility (first line of its cell), then four figures. */
    private static final Pattern ROW = Pattern.compile(
            "(?m)^(\\d\\d\\.\\d\\d\\.\\d{4}) (.+?) (-?[\\d ]+,\\d\\d) (-?[\\d ]+,\\d\\d) (-?[\\d ]+,\\d\\d) (-?[\\d ]+,\\d\\d)$");

    private AidStatementCheck() {
    }

    /** The statement as JSON and as PDF agree; returns the JSON for the caller's own checks. */
    static JsonNode check(String user, String orgNo, int year) throws IOException {
        Answer json = API.get("/api/v1/aid/" + orgNo + "/statement").as(user).query("year", year)
                .header("Accept", "application/json").send();
        assertEquals(200, json.status(), json::toString);
        JsonNode statement = json.json();
        Answer pdf = API.get("/api/v1/aid/" + orgNo + "/statement").as(user).query("year", year)
                .header("Accept", "application/pdf").send();
        assertEquals(200, pdf.status(), pdf::toString);
        assertTrue(pdf.contentType().startsWith("application/pdf"), pdf::toString);
        assertTrue(pdf.header("Content-Disposition").orElse("").contains("de-minimis-" + orgNo + "-" + year + ".pdf"),
                pdf::toString);
        String text = text(pdf.bytes());

        assertTrue(text.contains("Organisasjonsnummer: " + orgNo), text);
        assertTrue(text.contains("Støtte tildelt i " + year), text);
        JsonNode lines = statement.path("bookings");
        List<String> rows = new ArrayList<>();
        Matcher m = ROW.matcher(text);
        while (m.find()) {
            rows.add(m.group());
        }
        assertEquals(lines.size(), rows.size(), "one table row per booking of the JSON form:\n" + text);
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = lines.get(i);
            String facility = line.path("facilityName").isTextual() ? line.path("facilityName").asText()
                    : line.path("resourceName").asText();
            String row = rows.get(i);
            assertTrue(row.startsWith(java.time.LocalDate.parse(line.path("grantedOn").asText()).format(DATE) + " "
                    + facility.split(" ")[0]), "row " + i + " is the booking granted on " + line.path("grantedOn")
                    + " of " + facility + ": " + row);
            assertTrue(row.endsWith(figure(line.at("/standardPrice/amount")) + " " + figure(line.at("/pricePaid/amount"))
                    + " " + figure(line.at("/aidAmount/amount")) + " " + figure(line.path("aidAmountEur"))),
                    "row " + i + " carries the JSON figures " + line + ": " + row);
            OffsetDateTime start = OffsetDateTime.parse(line.path("start").asText());
            OffsetDateTime end = OffsetDateTime.parse(line.path("end").asText());
            if (start.toLocalDate().equals(end.toLocalDate())) {
                assertTrue(text.contains(start.format(DATE) + " kl. " + start.format(TIME) + "–" + end.format(TIME)),
                        "the period of " + line.path("bookingId") + ":\n" + text);
            }
        }
        assertTrue(text.contains("Sum støtte tildelt i " + year + " " + figure(statement.at("/yearTotal/amount")) + " "
                + figure(statement.path("yearTotalEur"))), "the year's total as in JSON " + statement + ":\n" + text);
        JsonNode period = statement.path("rollingThreeYears");
        assertTrue(text.contains("Gjenstående innenfor taket " + figure(period.at("/headroom/amount")) + " "
                + figure(period.path("headroomEur"))), "the headroom as in JSON " + period + ":\n" + text);
        assertTrue(text.contains("Tak for bagatellmessig støtte over tre år " + figure(period.at("/ceiling/amount"))),
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
    private static String figure(JsonNode amount) {
        assertTrue(amount.isNumber() || amount.isTextual(), "an amount: " + amount);
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.forLanguageTag("nb"));
        symbols.setGroupingSeparator(' ');
        symbols.setDecimalSeparator(',');
        DecimalFormat format = new DecimalFormat("#,##0.00", symbols);
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(new BigDecimal(amount.asText()));
    }
}
