package no.katapult.booking.aid;

import no.katapult.booking.BookingStatus;
import no.katapult.booking.rules.ResourceType;
import no.katapult.common.money.Money;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.GregorianCalendar;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The written aid statement the undertaking keeps: an A4 PDF in bokmål with every figure of an
 * {@link AidStatementView}. Text is set in Liberation Sans (shipped with PDFBox, metrics of Helvetica), embedded
 * as a subset: the standard 14 fonts with WinAnsiEncoding would show æøå too, but not the Sámi letters of some
 * Norwegian names (č, đ, ŋ, ŧ), and an embedded font looks the same wherever the statement is opened. A character
 * the font lacks is printed as "?" rather than failing the statement.
 */
final class AidStatementPdf {

    static final String MEDIA_TYPE = "application/pdf";

    private static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
    private static final float MARGIN = 50;
    private static final float FOOTER = 24;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
    private static final float BODY = 9.5f;
    private static final float SMALL = 8;
    private static final float GAP = 4;

    /** Columns: granted, facility and period, standard price, paid, aid NOK, aid EUR. */
    private static final float[] COLUMNS = {52, 159, 72, 70, 74, 68};
    private static final String[] HEADERS = {"Tildelt", "Fasilitet og tidsrom", "Standardpris (NOK)", "Betalt (NOK)",
            "Støtte (NOK)", "Støtte (EUR)"};
    /** Totals put their label across the first four columns and their figures under the aid columns. */
    private static final float LABEL_WIDTH = COLUMNS[0] + COLUMNS[1] + COLUMNS[2] + COLUMNS[3];

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    /** Norwegian figures: "1 234 567,89" with no-break spaces, so a figure is never split. */
    private static final DecimalFormatSymbols NORWEGIAN = DecimalFormatSymbols.getInstance(Locale.forLanguageTag("nb"));

    static {
        NORWEGIAN.setGroupingSeparator('\u00a0');
        NORWEGIAN.setDecimalSeparator(',');
    }

    private AidStatementPdf() {
    }

    static byte[] render(AidStatementView s) {
        try (TrueTypeFont ttf = liberationSans(); PDDocument doc = new PDDocument()) {
            Typeface font = new Typeface(PDType0Font.load(doc, ttf, true));
            describe(doc, s);
            try (Layout page = new Layout(doc, font)) {
                write(page, s);
            }
            footers(doc, font, s);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            doc.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("The aid statement could not be rendered", e);
        }
    }

    /**
     * Without glyph substitution: PDFBox would otherwise set ligatures, which cost a regular expression per string
     * shown and come out of text extraction (copy, search, screen readers) with letters missing.
     */
    private static TrueTypeFont liberationSans() throws IOException {
        try (InputStream in = AidStatementPdf.class.getResourceAsStream(FONT)) {
            if (in == null) {
                throw new IllegalStateException("PDFBox's Liberation Sans is missing: " + FONT);
            }
            TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(in));
            ttf.setEnableGsub(false);
            return ttf;
        }
    }

    private static void describe(PDDocument doc, AidStatementView s) {
        PDDocumentInformation info = doc.getDocumentInformation();
        info.setTitle(title() + " " + s.year() + " – " + s.undertaking().orgNo());
        info.setAuthor(s.grantingBody());
        info.setSubject(AidService.REGULATION);
        info.setCreationDate(GregorianCalendar.from(s.issuedAt().toZonedDateTime()));
        doc.getDocumentCatalog().setLanguage("nb");
    }

    private static String title() {
        return "Erklæring om bagatellmessig støtte (de minimis)";
    }

    private static void write(Layout page, AidStatementView s) throws IOException {
        page.paragraph(title(), 16, true);
        page.paragraph("Støtte tildelt i " + s.year(), 12, true);
        page.space(6);
        String name = s.undertaking().name() != null ? s.undertaking().name()
                : "(ikke registrert i katapultregisteret)";
        page.field("Støttegiver", s.grantingBody());
        page.field("Støttemottaker", name);
        page.field("Organisasjonsnummer", s.undertaking().orgNo());
        page.field("Utstedt", dateTime(s.issuedAt()));
        page.field("Omregningskurs", "1 EUR = " + figure(s.eurNokRate()) + " NOK");
        page.space(8);
        page.paragraph(s.grantingBody() + " bekrefter at støttemottakeren har fått støtten nedenfor som redusert pris "
                + "(SMB-pris) på fasiliteter og utstyr i Norsk katapult. Støtten i hver booking er forskjellen mellom "
                + "standardprisen og prisen som er betalt, og regnes som tildelt den dagen bookingen ble gjort. "
                + "Erklæringen gis etter artikkel 6 nr. 1 i forordningen.", BODY, false);
        page.space(8);

        page.paragraph("Bookinger med støtte i " + s.year(), 11, true);
        page.space(2);
        page.tableHeader();
        if (s.bookings().isEmpty()) {
            page.paragraph("Ingen bookinger med støtte i " + s.year() + ".", BODY, false);
        }
        for (AidStatementView.Line line : s.bookings()) {
            page.row(line.grantedOn().format(DATE), what(line) + "\n" + period(line), figure(line.standardPrice()),
                    figure(line.pricePaid()), figure(line.aidAmount()), figure(line.aidAmountEur()));
        }
        page.space(10);

        AidStatementView.RollingPeriod p = s.rollingThreeYears();
        page.total("Sum støtte tildelt i " + s.year(), s.yearTotal(), s.yearTotalEur(), true);
        page.total("Støtte i treårsperioden " + p.from().plusNanos(1_000).format(DATE) + "–" + p.to().format(DATE),
                p.aidTotal(), p.aidTotalEur(), false);
        page.total("Tak for bagatellmessig støtte over tre år", p.ceiling(), p.ceilingEur(), false);
        page.total("Gjenstående innenfor taket", p.headroom(), p.headroomEur(), true);
        page.space(10);

        String window = p.to().equals(s.issuedAt())
                ? "Treårsperioden regnes fram til erklæringen ble utstedt, slik taket kontrolleres ved hver ny booking."
                : "Treårsperioden er de tre kalenderårene " + (s.year() - 2) + "–" + s.year() + ".";
        page.paragraph(window + " Bookinger som er avbestilt eller avvist, er ikke med: støtten de ville ha gitt, er "
                + "frigitt. Beløp i EUR er omregnet fra beløpet i NOK hver for seg og avrundet til nærmeste cent, "
                + "så summen av linjene kan avvike med noen cent fra totalen.", SMALL, false);
        page.space(10);
        page.paragraph(s.declaration(), BODY + 0.5f, true);
        page.space(4);
        // Article 6(1): the amount, its de minimis character, and the regulation by title and OJ reference.
        page.paragraph("Støttebeløpet tildelt i " + s.year() + " er NOK " + figure(s.yearTotal()) + " (EUR "
                + figure(s.yearTotalEur()) + "), uttrykt som bruttotilskuddsekvivalent: forskjellen mellom standardpris "
                + "og betalt pris, uten skatt eller andre fradrag.", BODY, false);
        page.space(4);
        page.paragraph("Forordningen: " + s.regulationTitle() + ", kunngjort i Den europeiske unions tidende "
                + s.officialJournal() + " (ELI: " + s.eli() + ").", BODY, false);
    }

    private static String what(AidStatementView.Line line) {
        String facility = line.facilityName() != null ? line.facilityName() : line.resourceName();
        return line.resourceType() == ResourceType.EQUIPMENT && line.resourceName() != null
                ? facility + ": " + line.resourceName() : facility;
    }

    private static String period(AidStatementView.Line line) {
        OffsetDateTime start = line.start();
        OffsetDateTime end = line.end();
        String when = start.toLocalDate().equals(end.toLocalDate())
                ? start.format(DATE) + " kl. " + start.format(TIME) + "–" + end.format(TIME)
                : dateTime(start) + " – " + dateTime(end);
        return line.status() == BookingStatus.REQUESTED ? when + " (venter på bekreftelse)" : when;
    }

    private static String dateTime(OffsetDateTime t) {
        return t.format(DATE) + " kl. " + t.format(TIME);
    }

    static String figure(Money money) {
        return figure(money.amount());
    }

    static String figure(BigDecimal amount) {
        DecimalFormat format = new DecimalFormat("#,##0.00", NORWEGIAN);
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(amount);
    }

    /** "Side 1 av 2" and what the document is, on every page, once the number of pages is known. */
    private static void footers(PDDocument doc, Typeface font, AidStatementView s) throws IOException {
        int pages = doc.getNumberOfPages();
        for (int i = 0; i < pages; i++) {
            PDPage page = doc.getPage(i);
            try (PDPageContentStream out = new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.APPEND, true)) {
                String left = title() + " – " + s.undertaking().orgNo() + " – " + s.year();
                String right = "Side " + (i + 1) + " av " + pages;
                font.show(out, 7, MARGIN, MARGIN - 16, left);
                font.show(out, 7, MARGIN + WIDTH - font.width(7, right), MARGIN - 16, right);
            }
        }
    }

    /** A cursor down the pages: starts a new page when the next block does not fit, repeating the table header. */
    private static final class Layout implements AutoCloseable {
        private final PDDocument doc;
        private final Typeface font;
        private PDPageContentStream out;
        private float y;
        private boolean inTable;

        Layout(PDDocument doc, Typeface font) throws IOException {
            this.doc = doc;
            this.font = font;
            newPage();
        }

        private void newPage() throws IOException {
            close();
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            out = new PDPageContentStream(doc, page);
            y = PDRectangle.A4.getHeight() - MARGIN;
            if (inTable) {
                tableHeader();
            }
        }

        private void fit(float height) throws IOException {
            if (y - height < MARGIN + FOOTER) {
                newPage();
            }
        }

        void space(float points) {
            y -= points;
        }

        /** Wrapped to the text width; bold is simulated by stroking the glyph outlines (one embedded font). */
        void paragraph(String text, float size, boolean bold) throws IOException {
            inTable = false;
            for (String line : wrap(text, size, WIDTH)) {
                fit(leading(size));
                y -= size;
                text(size, MARGIN, y, line, bold);
                y -= leading(size) - size;
            }
        }

        void field(String label, String value) throws IOException {
            float labelWidth = 120;
            List<String> lines = wrap(value, BODY, WIDTH - labelWidth);
            fit(lines.size() * leading(BODY));
            y -= BODY;
            text(BODY, MARGIN, y, label + ":", true);
            for (int i = 0; i < lines.size(); i++) {
                if (i > 0) {
                    y -= leading(BODY);
                }
                text(BODY, MARGIN + labelWidth, y, lines.get(i), false);
            }
            y -= leading(BODY) - BODY;
        }

        void tableHeader() throws IOException {
            inTable = false;
            cells(SMALL, true, HEADERS);
            rule(0.8f);
            inTable = true;
        }

        void row(String... cells) throws IOException {
            cells(SMALL + 0.5f, false, cells);
            rule(0.4f);
        }

        void total(String label, Money nok, BigDecimal eur, boolean bold) throws IOException {
            inTable = false;
            float size = BODY;
            List<String> lines = wrap(label, size, LABEL_WIDTH - GAP);
            fit(lines.size() * leading(size) + GAP);
            y -= size;
            float top = y;
            for (int i = 0; i < lines.size(); i++) {
                text(size, MARGIN, top - i * leading(size), lines.get(i), bold);
            }
            right(size, LABEL_WIDTH, COLUMNS[4], figure(nok), bold);
            right(size, LABEL_WIDTH + COLUMNS[4], COLUMNS[5], figure(eur), bold);
            y = top - (lines.size() - 1) * leading(size) - (leading(size) - size) - GAP;
        }

        /** One table row: the first two columns wrap (a cell may hold "\n"), figures align right on the first line. */
        private void cells(float size, boolean bold, String... cells) throws IOException {
            List<List<String>> wrapped = new ArrayList<>();
            int height = 1;
            for (int i = 0; i < cells.length; i++) {
                List<String> lines = new ArrayList<>();
                for (String part : cells[i].split("\n")) {
                    lines.addAll(wrap(part, size, COLUMNS[i] - GAP));
                }
                wrapped.add(lines);
                height = Math.max(height, lines.size());
            }
            fit(height * leading(size) + GAP);
            y -= size + GAP / 2;
            float x = MARGIN;
            for (int i = 0; i < cells.length; i++) {
                for (int l = 0; l < wrapped.get(i).size(); l++) {
                    String line = wrapped.get(i).get(l);
                    float lineY = y - l * leading(size);
                    float indent = i < 2 ? 0 : COLUMNS[i] - font.width(size, line);
                    text(size, x + indent, lineY, line, bold);
                }
                x += COLUMNS[i];
            }
            y -= (height - 1) * leading(size) + GAP;
        }

        private void right(float size, float offset, float columnWidth, String text, boolean bold) throws IOException {
            text(size, MARGIN + offset + columnWidth - font.width(size, text), y, text, bold);
        }

        private void rule(float thickness) throws IOException {
            out.setLineWidth(thickness);
            out.setStrokingColor(0.6f);
            out.moveTo(MARGIN, y);
            out.lineTo(MARGIN + WIDTH, y);
            out.stroke();
            out.setStrokingColor(0f);
            y -= 2;
        }

        private void text(float size, float x, float baseline, String text, boolean bold) throws IOException {
            if (bold) {
                // Fill and stroke: a faux bold that keeps one embedded font and extracts as plain text.
                out.setRenderingMode(RenderingMode.FILL_STROKE);
                out.setLineWidth(size / 30);
            }
            font.show(out, size, x, baseline, text);
            if (bold) {
                out.setRenderingMode(RenderingMode.FILL);
            }
        }

        private static float leading(float size) {
            return size * 1.35f;
        }

        /** Greedy word wrap; a word wider than the line is broken where it must be. */
        private List<String> wrap(String text, float size, float maxWidth) throws IOException {
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (String word : font.printable(text).strip().split(" +")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (font.width(size, candidate) <= maxWidth) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (!line.isEmpty()) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                for (int cp : word.codePoints().toArray()) {
                    String next = line + new String(Character.toChars(cp));
                    if (!line.isEmpty() && font.width(size, next) > maxWidth) {
                        lines.add(line.toString());
                        line.setLength(0);
                    }
                    line.appendCodePoint(cp);
                }
            }
            lines.add(line.toString());
            return lines;
        }

        @Override
        public void close() throws IOException {
            if (out != null) {
                out.close();
                out = null;
            }
        }
    }

    /** The embedded font, with what it can show and how wide each character is, each looked up once. */
    private static final class Typeface {
        private static final float NO_GLYPH = -1;
        private final PDFont font;
        private final Map<Integer, Float> advances = new HashMap<>();

        Typeface(PDFont font) {
            this.font = font;
        }

        void show(PDPageContentStream out, float size, float x, float baseline, String text) throws IOException {
            out.beginText();
            out.setFont(font, size);
            out.newLineAtOffset(x, baseline);
            out.showText(printable(text));
            out.endText();
        }

        float width(float size, String text) {
            float units = 0;
            for (int cp : printable(text).codePoints().toArray()) {
                units += advance(cp);
            }
            return units / 1000 * size;
        }

        /** What the font can show: control characters become spaces, characters without a glyph "?". */
        String printable(String text) {
            StringBuilder b = new StringBuilder(text.length());
            text.codePoints().forEach(cp -> {
                if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
                    b.append(' ');
                } else if (advance(cp) == NO_GLYPH) {
                    b.append('?');
                } else {
                    b.appendCodePoint(cp);
                }
            });
            return b.toString();
        }

        private float advance(int cp) {
            return advances.computeIfAbsent(cp, c -> {
                try {
                    return font.getStringWidth(new String(Character.toChars(c)));
                } catch (IOException | IllegalArgumentException e) {
                    return NO_GLYPH;
                }
            });
        }
    }
}
