package no.katapult.application;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Real files of every type an attachment may have, and some it may not, built here rather than kept as binaries. */
public final class TestFiles {

    private static byte[] smallPdf;

    private TestFiles() {
    }

    /** A one-page PDF that says {@code text}, written by PDFBox. */
    public static byte[] pdf(String text) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
                s.beginText();
                s.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                s.newLineAtOffset(72, 720);
                s.showText(text);
                s.endText();
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same small PDF every time, for fixtures that only need a project description. */
    public static synchronized byte[] smallPdf() {
        if (smallPdf == null) {
            smallPdf = pdf("Prosjektbeskrivelse");
        }
        return smallPdf.clone();
    }

    public static byte[] png() {
        return image("png");
    }

    public static byte[] jpeg() {
        return image("jpg");
    }

    private static byte[] image(String format) {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0, 94, 184));
        g.fillRect(0, 0, 64, 48);
        g.setColor(Color.WHITE);
        g.fillOval(16, 8, 32, 32);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("No ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A Word document (OOXML) as Word lays it out: content types first. */
    public static byte[] docx(String text) {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("[Content_Types].xml", contentTypes(
                "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument."
                        + "wordprocessingml.document.main+xml\"/>"));
        parts.put("_rels/.rels", rels("word/document.xml"));
        parts.put("word/document.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r>"
                + "<w:t>" + text + "</w:t></w:r></w:p></w:body></w:document>");
        return zip(parts, false);
    }

    /** A Word document whose content types come last, as some writers lay it out. */
    public static byte[] docxContentTypesLast(String text) {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("_rels/.rels", rels("word/document.xml"));
        parts.put("word/document.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\""
                + "http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>" + text
                + "</w:t></w:r></w:p></w:body></w:document>");
        parts.put("[Content_Types].xml", contentTypes(
                "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument."
                        + "wordprocessingml.document.main+xml\"/>"));
        return zip(parts, false);
    }

    /** A Word document with macros (DOCM): not an allowed type. */
    public static byte[] docm() {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("[Content_Types].xml", contentTypes(
                "<Default Extension=\"bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/>"
                        + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.ms-word.document."
                        + "macroEnabled.main+xml\"/>"));
        parts.put("_rels/.rels", rels("word/document.xml"));
        parts.put("word/document.xml", "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>");
        parts.put("word/vbaProject.bin", "Attribute VB_Name = \"NewMacros\"");
        return zip(parts, false);
    }

    public static byte[] xlsx() {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("[Content_Types].xml", contentTypes(
                "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument."
                        + "spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType="
                        + "\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"));
        parts.put("_rels/.rels", rels("xl/workbook.xml"));
        parts.put("xl/workbook.xml", "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
                + "<sheet name=\"Budsjett\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
        parts.put("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                + "relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                + "relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>");
        parts.put("xl/worksheets/sheet1.xml", "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/"
                + "main\"><sheetData><row r=\"1\"><c r=\"A1\"><v>180000</v></c></row></sheetData></worksheet>");
        return zip(parts, false);
    }

    /** An OpenDocument text: the mimetype entry first and stored, as ODF requires. */
    public static byte[] odt() {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("mimetype", "application/vnd.oasis.opendocument.text");
        parts.put("META-INF/manifest.xml", "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:"
                + "manifest:1.0\"><manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/"
                + "vnd.oasis.opendocument.text\"/></manifest:manifest>");
        parts.put("content.xml", "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:"
                + "1.0\"><office:body><office:text/></office:body></office:document-content>");
        return zip(parts, true);
    }

    /** A zip archive of text files: a container, but no document. */
    public static byte[] zipOfText() {
        return zip(Map.of("readme.txt", "Ikke et dokument"), false);
    }

    /** The start of a Linux executable (ELF), padded. */
    public static byte[] elf() {
        byte[] b = new byte[4096];
        byte[] header = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0, 1, 0, 0, 0};
        System.arraycopy(header, 0, b, 0, header.length);
        return b;
    }

    /** The start of a Windows executable (MZ and a PE header), padded. */
    public static byte[] pe() {
        byte[] b = new byte[4096];
        b[0] = 'M';
        b[1] = 'Z';
        b[0x3c] = (byte) 0x80;
        b[0x80] = 'P';
        b[0x81] = 'E';
        byte[] stub = "This program cannot be run in DOS mode.".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(stub, 0, b, 0x4e, stub.length);
        return b;
    }

    private static String contentTypes(String entries) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Types xmlns=\"http://schemas."
                + "openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/"
                + "vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/"
                + "xml\"/>" + entries + "</Types>";
    }

    private static String rels(String main) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas."
                + "openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas."
                + "openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"" + main + "\"/>"
                + "</Relationships>";
    }

    private static byte[] zip(Map<String, String> parts, boolean firstStored) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            boolean first = true;
            for (Map.Entry<String, String> part : parts.entrySet()) {
                byte[] data = part.getValue().getBytes(StandardCharsets.UTF_8);
                ZipEntry entry = new ZipEntry(part.getKey());
                if (first && firstStored) {
                    CRC32 crc = new CRC32();
                    crc.update(data);
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(data.length);
                    entry.setCompressedSize(data.length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(data);
                zip.closeEntry();
                first = false;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
