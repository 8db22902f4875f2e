package no.katapult.application.attachment;

import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Tells the type of a file from its content, never from its name or the type a client claims. Tika's magic
 * (tika-core) reads the first bytes: PDF, PNG and JPEG are settled there. DOCX, XLSX and ODT are zip containers
 * that magic alone cannot tell apart reliably (the part that says which one may come anywhere in the archive), so
 * {@link #inspectContainer} walks the archive as it streams past and reads the parts that say: OOXML's
 * [Content_Types].xml and ODF's mimetype. That is what tika-parsers' zip container detection does, without the
 * 60 MB of parsers it brings.
 */
final class AttachmentTypes {

    /** Bytes Tika's magic detection looks at. */
    static final int HEAD_BYTES = 64 * 1024;

    /** Most bytes an archive may unpack to while it is inspected: 25 times 20 MiB, far above real documents. */
    static final long MAX_UNPACKED = 512L * 1024 * 1024;

    private static final int MAX_ENTRIES = 10_000;
    private static final int MAX_CONTENT_TYPES_BYTES = 1024 * 1024;

    private static final MimeTypes TIKA = MimeTypes.getDefaultMimeTypes();
    private static final Map<String, AttachmentType> BY_MAGIC = Map.of(
            "application/pdf", AttachmentType.PDF,
            "image/png", AttachmentType.PNG,
            "image/jpeg", AttachmentType.JPEG);

    private static final String DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
    private static final String XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
    private static final String VBA_PROJECT = "application/vnd.ms-office.vbaproject";

    private AttachmentTypes() {
    }

    /** What the first bytes of a file say. */
    record Sniffed(String detected, AttachmentType type, boolean container) {

        boolean refused() {
            return type == null && !container;
        }
    }

    /** Tika's verdict on the first bytes: an allowed type, a zip container to look into, or something else. */
    static Sniffed sniff(byte[] head) {
        MediaType detected;
        try {
            // No resource name in the metadata: the client's filename must not sway the verdict.
            detected = TIKA.detect(new ByteArrayInputStream(head), new Metadata());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String base = detected.getBaseType().toString();
        AttachmentType type = BY_MAGIC.get(base);
        boolean container = type == null
                && TIKA.getMediaTypeRegistry().isInstanceOf(detected.getBaseType(), MediaType.APPLICATION_ZIP);
        return new Sniffed(base, type, container);
    }

    /** Why a container was refused, for the 415. */
    static final class NotAllowed extends Exception {
        NotAllowed(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * The type of the zip archive read from {@code in}. Reads only as far as needed; the caller drains the rest.
     * Refuses archives that are none of DOCX, XLSX and ODT, macro-enabled ones (DOCM, XLSM), and archives that
     * unpack to more than {@link #MAX_UNPACKED} before the verdict (zip bombs).
     */
    static AttachmentType inspectContainer(InputStream in) throws IOException, NotAllowed {
        ZipInputStream zip = new ZipInputStream(in);
        Set<String> names = new HashSet<>();
        String odfMimetype = null;
        Set<String> contentTypes = null;
        Map<String, String> parts = Map.of();
        long unpacked = 0;
        try {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (names.size() >= MAX_ENTRIES) {
                    throw new NotAllowed("the archive has more than " + MAX_ENTRIES + " entries");
                }
                String name = e.getName();
                names.add(name);
                if (name.equals("mimetype")) {
                    byte[] content = zip.readNBytes(200);
                    unpacked += content.length;
                    odfMimetype = new String(content, StandardCharsets.US_ASCII).trim();
                } else if (name.equals("[Content_Types].xml")) {
                    byte[] content = zip.readNBytes(MAX_CONTENT_TYPES_BYTES + 1);
                    unpacked += content.length;
                    if (content.length > MAX_CONTENT_TYPES_BYTES) {
                        throw new NotAllowed("its [Content_Types].xml is larger than 1 MiB");
                    }
                    ContentTypes declared = ContentTypes.parse(content);
                    contentTypes = declared.all();
                    parts = declared.overrides();
                }
                Optional<AttachmentType> verdict = verdict(names, odfMimetype, contentTypes, parts);
                if (verdict.isPresent()) {
                    return verdict.get();
                }
                unpacked += skip(zip);
                if (unpacked > MAX_UNPACKED) {
                    throw new NotAllowed("it unpacks to more than " + MAX_UNPACKED / (1024 * 1024) + " MiB");
                }
            }
        } catch (ZipException e) {
            throw new NotAllowed("it is not a zip archive this service can read (" + e.getMessage() + ")");
        }
        if (contentTypes != null && contentTypes.stream().anyMatch(AttachmentTypes::macroEnabled)) {
            throw new NotAllowed("it is a macro-enabled Office document");
        }
        throw new NotAllowed("it is a zip archive, but not a DOCX, XLSX or ODT document");
    }

    /** The type once the entries seen so far prove it, else empty (read on). */
    private static Optional<AttachmentType> verdict(Set<String> names, String odfMimetype, Set<String> contentTypes,
                                                    Map<String, String> parts) throws NotAllowed {
        if (AttachmentType.ODT.mediaType.equals(odfMimetype) && names.contains("content.xml")) {
            return Optional.of(AttachmentType.ODT);
        }
        if (contentTypes == null) {
            return Optional.empty();
        }
        if (contentTypes.stream().anyMatch(AttachmentTypes::macroEnabled)) {
            throw new NotAllowed("it is a macro-enabled Office document");
        }
        for (Map.Entry<String, String> part : parts.entrySet()) {
            AttachmentType type = part.getValue().equals(DOCX_MAIN) ? AttachmentType.DOCX
                    : part.getValue().equals(XLSX_MAIN) ? AttachmentType.XLSX : null;
            // The main part must be in the archive, not only declared.
            if (type != null && names.contains(part.getKey())) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    private static boolean macroEnabled(String contentType) {
        String t = contentType.toLowerCase(Locale.ROOT);
        return t.contains("macroenabled") || t.equals(VBA_PROJECT);
    }

    private static long skip(ZipInputStream zip) throws IOException {
        byte[] buffer = new byte[8192];
        long total = 0;
        int n;
        while ((n = zip.read(buffer)) > 0) {
            total += n;
            if (total > MAX_UNPACKED) {
                return total;
            }
        }
        return total;
    }

    /** The content types an OOXML package declares: every one, and part name (without the leading /) to type. */
    record ContentTypes(Set<String> all, Map<String, String> overrides) {

        static ContentTypes parse(byte[] xml) throws NotAllowed {
            // The JDK's own parser, whatever else is on the class path: it honours every property below.
            XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
            factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            Set<String> all = new HashSet<>();
            Map<String, String> overrides = new HashMap<>();
            try {
                XMLStreamReader reader = factory.createXMLStreamReader(new ByteArrayInputStream(xml));
                while (reader.hasNext()) {
                    if (reader.next() == XMLStreamReader.START_ELEMENT) {
                        String type = reader.getAttributeValue(null, "ContentType");
                        if (type == null) {
                            continue;
                        }
                        all.add(type);
                        String part = reader.getAttributeValue(null, "PartName");
                        if ("Override".equals(reader.getLocalName()) && part != null) {
                            overrides.put(part.startsWith("/") ? part.substring(1) : part, type);
                        }
                    }
                }
            } catch (XMLStreamException | IllegalArgumentException e) {
                throw new NotAllowed("its [Content_Types].xml is not well-formed XML");
            }
            return new ContentTypes(all, overrides);
        }
    }
}
