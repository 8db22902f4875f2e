package no.katapult.booking.aid;

import no.katapult.booking.BookingStatus;
import no.katapult.booking.rules.ResourceType;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The PDF carries what the statement says, readable by text extraction, whatever the names and however long. */
class AidStatementPdfTest {

    static final AidPolicy POLICY = AidStatementTest.POLICY;

    /** The text as a reader would copy it: lines in page order, no-break spaces as spaces. */
    static String text(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            return stripper.getText(doc).replace('\u00a0', ' ');
        }
    }

    static AidGrant grant(OffsetDateTime granted, ResourceType type, String facility, String resource, String standard,
                          String paid) {
        return new AidGrant(UUID.randomUUID(), granted, granted.plusDays(10), granted.plusDays(10).plusHours(3),
                BookingStatus.CONFIRMED, "digicat", facility, type, resource, new BigDecimal(standard),
                new BigDecimal(paid), new BigDecimal(standard).subtract(new BigDecimal(paid)));
    }

    @Test
    void norwegianAndSamiLettersAreKeptAndWhatNoFontHasBecomesAQuestionMark() throws IOException {
        String name = "Bølgeær Ås Čáhcegieddi Ŋ AS \uD83D\uDE80";
        AidStatementView s = AidStatement.compose("Siva – Selskapet for industrivekst SF, Norsk katapult", "910000012",
                name, 2027, Instant.parse("2027-06-01T08:00:00Z"),
                List.of(grant(OffsetDateTime.parse("2027-02-01T10:00:00+01:00"), ResourceType.EQUIPMENT,
                        "Prøvehall Ålesund", "Trykkprøvingsrigg\u0000 ÆØÅ", "1234567.89", "234567.89")), POLICY);
        byte[] pdf = AidStatementPdf.render(s);
        String text = text(pdf);

        assertTrue(text.contains("Støttemottaker: Bølgeær Ås Čáhcegieddi Ŋ AS ?"), text);
        assertTrue(text.contains("Støttegiver: Siva – Selskapet for industrivekst SF, Norsk katapult"), text);
        // The facility cell wraps; the figures stand on its first line, the booked period below the name.
        assertTrue(text.contains("01.02.2027 Prøvehall Ålesund: Trykkprøvingsrigg 1 234 567,89 234 567,89 "
                + "1 000 000,00 86 956,52\nÆØÅ\n11.02.2027 kl. 10:00–13:00\n"), text);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDPage page = doc.getPage(0);
            for (COSName fontName : page.getResources().getFontNames()) {
                PDFont font = page.getResources().getFont(fontName);
                assertTrue(font.isEmbedded(), font.getName());
            }
            assertEquals("nb", doc.getDocumentCatalog().getLanguage());
            assertTrue(doc.getDocumentInformation().getTitle().contains("910000012"));
        }
    }

    @Test
    void aLongYearRunsOverPagesWithTheTableHeaderOnEachAndEveryLineKept() throws IOException {
        List<AidGrant> grants = new ArrayList<>();
        OffsetDateTime first = OffsetDateTime.parse("2027-01-04T09:00:00+01:00");
        for (int i = 0; i < 90; i++) {
            grants.add(grant(first.plusDays(i), ResourceType.FACILITY, "Lab " + i + " med et ganske langt navn som "
                    + "må brytes over flere linjer i tabellen", null, "1000.00", "400.00"));
        }
        AidStatementView s = AidStatement.compose("Siva", "910000012", "Anna", 2027,
                Instant.parse("2027-06-01T08:00:00Z"), grants, POLICY);
        byte[] pdf = AidStatementPdf.render(s);
        String text = text(pdf);
        int pages;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            pages = doc.getNumberOfPages();
        }
        assertTrue(pages >= 3, "pages: " + pages);
        assertTrue(text.contains("Side 1 av " + pages), text);
        assertTrue(text.contains("Side " + pages + " av " + pages), text);
        assertEquals(pages, text.split("Fasilitet og tidsrom", -1).length - 1, "the table header starts each page");
        for (int i = 0; i < 90; i++) {
            String date = first.plusDays(i).format(java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy"));
            assertTrue(java.util.regex.Pattern.compile("(?m)^" + java.util.regex.Pattern.quote(date + " Lab " + i + " med ")
                    + ".* 1 000,00 400,00 600,00 52,17$").matcher(text).find(), "line " + i + ":\n" + text);
        }
        assertTrue(text.contains("Sum støtte tildelt i 2027 54 000,00 4 695,65"), text);
        assertTrue(text.replaceAll("\\s+", " ").contains(AidStatement.DECLARATION), text);
    }

    @Test
    void figuresAreWrittenTheNorwegianWay() {
        assertEquals("1\u00a0234\u00a0567,89", AidStatementPdf.figure(new BigDecimal("1234567.89")));
        assertEquals("0,00", AidStatementPdf.figure(BigDecimal.ZERO));
        assertEquals("11,50", AidStatementPdf.figure(new BigDecimal("11.5")));
    }
}
