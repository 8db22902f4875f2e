package no.katapult.e2e.sweep;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The hostile values of the sweep, by class. A URL value is the exact text that goes into the request line (its
 * encoding is part of the attack: properly percent-encoded NUL, or invalid percent-encoding); a JSON value is the
 * exact JSON text of one member value (so that it can be a number past double range, which no JsonNode holds).
 * The generated ones come from jqwik arbitraries drawn with the sweep's seed.
 */
final class Hostile {

    static final String NUMBERS = "numbers";
    static final String TEXT = "text";
    static final String ENCODING = "encoding";
    static final String PARAMETERS = "parameters";
    static final String DATES = "dates";
    static final String BODIES = "bodies";
    static final String TYPES = "types";
    static final String LIMITS = "limits";
    static final String GENERATED = "generated";

    /** One value: its class, a label for the report, and its text (URL: as written on the line; JSON: as a value). */
    record Value(String cls, String label, String text) {
    }

    private Hostile() {
    }

    // ---- URL values (path segments and query values), already in their wire form ----

    /** Numbers a parser of integers, longs, decimals or page offsets must refuse or bound. */
    static List<Value> urlNumbers() {
        List<Value> v = new ArrayList<>();
        for (String n : List.of("2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
                "-9223372036854775809", "99999999999999999999999999999999999999", "-1", "0", "-0", "NaN", "Infinity",
                "-Infinity", "1e309", "1e-400", "1.5", "0.1", "1e2147483647", "0x7fffffff", "+1", "00000000001")) {
            v.add(new Value(NUMBERS, n, enc(n)));
        }
        v.add(new Value(NUMBERS, "1 000 (space)", enc("1 000")));
        v.add(new Value(NUMBERS, "full-width digits", enc("\uff11\uff12")));
        v.add(new Value(NUMBERS, "Arabic-Indic digits", enc("\u0661\u0662")));
        return v;
    }

    /** Text that breaks databases, logs and renderers: NUL, control characters, bidi, emoji, very long. */
    static List<Value> urlText() {
        List<Value> v = new ArrayList<>();
        v.add(new Value(TEXT, "NUL", "%00"));
        v.add(new Value(TEXT, "NUL inside", "a%00b"));
        v.add(new Value(TEXT, "control characters", "%01%02%1B%7F"));
        v.add(new Value(TEXT, "CR LF", "a%0D%0AX-Injected:%201"));
        v.add(new Value(TEXT, "C1 control (NEL)", "%C2%85"));
        v.add(new Value(TEXT, "right-to-left override", enc("\u202Egnp.exe")));
        v.add(new Value(TEXT, "emoji", enc("\uD83D\uDE80\uD83D\uDC69\u200D\uD83D\uDCBB")));
        v.add(new Value(TEXT, "combining marks", enc("A\u030A\u0301\u0301\u0301")));
        v.add(new Value(TEXT, "percent sign", "%25"));
        v.add(new Value(TEXT, "encoded slash and dots", "%2E%2E%2F%2E%2E%2Fetc"));
        v.add(new Value(TEXT, "SQL and script", enc("' OR 1=1 --<script>")));
        v.add(new Value(TEXT, "blank", "%20%20"));
        v.add(new Value(TEXT, "very long (6000)", "x".repeat(6000)));
        v.add(new Value(TEXT, "very long emoji (700)", enc("\uD83D\uDE80".repeat(700))));
        return v;
    }

    /** Invalid percent-encoding and invalid UTF-8 after decoding. */
    static List<Value> urlEncoding() {
        List<Value> v = new ArrayList<>();
        v.add(new Value(ENCODING, "lone %", "%"));
        v.add(new Value(ENCODING, "%zz", "a%zzb"));
        v.add(new Value(ENCODING, "truncated %4", "%4"));
        v.add(new Value(ENCODING, "%%", "%%41"));
        v.add(new Value(ENCODING, "invalid UTF-8 %C3%28", "%C3%28"));
        v.add(new Value(ENCODING, "invalid UTF-8 %FF", "%FF%FE"));
        v.add(new Value(ENCODING, "overlong UTF-8 %C0%AF", "%C0%AF"));
        v.add(new Value(ENCODING, "UTF-8 surrogate %ED%A0%80", "%ED%A0%80"));
        v.add(new Value(ENCODING, "past U+10FFFF", "%F4%90%80%80"));
        v.add(new Value(ENCODING, "truncated UTF-8", "%E2%82"));
        return v;
    }

    /** Dates and times that do not exist, or exist only at the edges. */
    static List<String> badDates() {
        return List.of("2027-02-30", "2027-02-29", "2027-13-01", "2027-00-10", "2027-1-1", "0000-00-00",
                "+999999999-12-31", "-999999999-01-01", "2027-02-30T10:00:00+01:00",
                // 02:30 on 28 March 2027 does not exist in Europe/Oslo (clocks go from 02:00 to 03:00)
                "2027-03-28T02:30", "2027-03-28T02:30:00", "2027-03-28T02:30:00[Europe/Oslo]",
                "2027-03-28T02:30:00+01:00[Europe/Oslo]", "2027-03-28 02:30 Europe/Oslo",
                // 02:30 on 31 October 2027 happens twice
                "2027-10-31T02:30:00",
                "2027-01-01T25:00:00+01:00", "2027-01-01T24:00:00+01:00", "2027-01-01T10:60:00+01:00",
                "2027-01-01T10:00:60Z", "2027-01-01T10:00:00+25:00", "+999999999-12-31T23:59:59Z",
                "-999999999-01-01T00:00:00Z", "25:00", "24:00", "99:99");
    }

    static List<Value> urlDates() {
        return badDates().stream().map(d -> new Value(DATES, d, enc(d))).toList();
    }

    static List<Value> urlDatesShort() {
        return List.of(new Value(DATES, "2027-02-30", "2027-02-30"), new Value(DATES, "2027-03-28T02:30", enc("2027-03-28T02:30")),
                new Value(DATES, "25:00", enc("25:00")));
    }

    // ---- JSON member values ----

    static List<Value> jsonNumbers() {
        List<Value> v = new ArrayList<>();
        for (String n : List.of("1e400", "-1e400", "1e-400", "123456789012345678901234567890", "2147483648",
                "-2147483649", "9223372036854775808", "-1", "0", "-0.0", "1.5", "0.001", "1e999999999",
                "1E-999999999", "12345678901234567890.123456789", "99999999999999.995")) {
            v.add(new Value(NUMBERS, n, n));
        }
        v.add(new Value(NUMBERS, "\"NaN\"", "\"NaN\""));
        v.add(new Value(NUMBERS, "\"Infinity\"", "\"Infinity\""));
        v.add(new Value(NUMBERS, "\"1e400\"", "\"1e400\""));
        return v;
    }

    static List<Value> jsonText() {
        List<Value> v = new ArrayList<>();
        v.add(new Value(TEXT, "NUL", "\"\\u0000\""));
        v.add(new Value(TEXT, "NUL inside", "\"a\\u0000b\""));
        v.add(new Value(TEXT, "control characters", "\"\\u0001\\u001b\\u007f\\u0085\""));
        v.add(new Value(TEXT, "lone surrogate", "\"\\ud800x\""));
        v.add(new Value(TEXT, "right-to-left override", quote("\u202Egnp.exe \u200F\u061C")));
        v.add(new Value(TEXT, "emoji", quote("\uD83D\uDE80\uD83D\uDC69\u200D\uD83D\uDCBB")));
        v.add(new Value(TEXT, "blank", "\"   \""));
        v.add(new Value(TEXT, "empty", "\"\""));
        v.add(new Value(TEXT, "very long (100 000)", "\"" + "x".repeat(100_000) + "\""));
        v.add(new Value(TEXT, "very long emoji (20 000)", quote("\uD83D\uDE80".repeat(20_000))));
        v.add(new Value(TEXT, "SQL and script", quote("'); DROP TABLE x; --<script>alert(1)</script>")));
        return v;
    }

    static List<Value> jsonDates() {
        return badDates().stream().map(d -> new Value(DATES, d, quote(d))).toList();
    }

    /** Every JSON type but the field's own, so that each one is "the wrong type" somewhere. */
    static List<Value> wrongTypes(String ownType) {
        List<Value> v = new ArrayList<>();
        if (!ownType.equals("null")) {
            v.add(new Value(TYPES, "null", "null"));
        }
        if (!ownType.equals("boolean")) {
            v.add(new Value(TYPES, "true", "true"));
        }
        if (!ownType.equals("integer") && !ownType.equals("number")) {
            v.add(new Value(TYPES, "12", "12"));
        }
        if (!ownType.equals("string")) {
            v.add(new Value(TYPES, "\"x\"", "\"x\""));
        }
        if (!ownType.equals("array")) {
            v.add(new Value(TYPES, "[]", "[]"));
        }
        if (!ownType.equals("object")) {
            v.add(new Value(TYPES, "{}", "{}"));
        }
        return v;
    }

    // ---- whole bodies ----

    /** JSON literals, empty and malformed documents, deep nesting. */
    static List<Value> wholeBodies() {
        List<Value> v = new ArrayList<>();
        for (String literal : List.of("null", "true", "false", "12", "-0", "\"x\"", "[]", "{}", "[null]", "[{}]",
                "1e400")) {
            v.add(new Value(BODIES, "JSON " + literal, literal));
        }
        v.add(new Value(BODIES, "empty body", ""));
        v.add(new Value(BODIES, "whitespace only", " \n\t "));
        v.add(new Value(BODIES, "truncated", "{\"a\": [1, 2"));
        v.add(new Value(BODIES, "trailing garbage", "{} xyz"));
        v.add(new Value(BODIES, "two documents", "{}{}"));
        v.add(new Value(BODIES, "single quotes", "{'a': 'b'}"));
        v.add(new Value(BODIES, "comment", "/* c */ {}"));
        v.add(new Value(BODIES, "bare NaN", "{\"a\": NaN}"));
        v.add(new Value(BODIES, "byte-order mark", "\uFEFF{}"));
        v.add(new Value(BODIES, "deep nesting: 100 000 arrays", "[".repeat(100_000) + "]".repeat(100_000)));
        v.add(new Value(BODIES, "deep nesting: 20 000 objects", "{\"a\":".repeat(20_000) + "1" + "}".repeat(20_000)));
        v.add(new Value(BODIES, "deep nesting: unclosed", "[".repeat(50_000)));
        v.add(new Value(BODIES, "200 000 keys", "{" + keys(200_000) + "}"));
        return v;
    }

    private static String keys(int n) {
        StringBuilder sb = new StringBuilder(n * 8);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append("\"k").append(i).append("\":1");
        }
        return sb.toString();
    }

    /** Deep nesting inside a field of the body: {@code "field": [[[[...]]]]}. */
    static String deepValue(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    // ---- header values, as bytes ----

    record HeaderValue(String cls, String label, byte[] bytes) {
    }

    static List<HeaderValue> headerValues() {
        List<HeaderValue> v = new ArrayList<>();
        v.add(new HeaderValue(PARAMETERS, "empty", new byte[0]));
        v.add(new HeaderValue(TEXT, "very long (8000)", "x".repeat(8000).getBytes(StandardCharsets.ISO_8859_1)));
        v.add(new HeaderValue(TEXT, "tab inside", "a\tb".getBytes(StandardCharsets.ISO_8859_1)));
        v.add(new HeaderValue(TEXT, "NUL", new byte[]{'a', 0, 'b'}));
        v.add(new HeaderValue(TEXT, "control characters", new byte[]{'a', 0x01, 0x1b, 0x7f, 'b'}));
        v.add(new HeaderValue(ENCODING, "invalid UTF-8 (obs-text)", new byte[]{'a', (byte) 0xC3, 0x28, (byte) 0xFF}));
        v.add(new HeaderValue(TEXT, "right-to-left and emoji (UTF-8)",
                "\u202Egnp \uD83D\uDE80".getBytes(StandardCharsets.UTF_8)));
        v.add(new HeaderValue(TEXT, "percent-encoded NUL", "%00".getBytes(StandardCharsets.ISO_8859_1)));
        v.add(new HeaderValue(NUMBERS, "quoted huge number", "\"99999999999999999999999\"".getBytes(StandardCharsets.ISO_8859_1)));
        v.add(new HeaderValue(NUMBERS, "negative", "-1".getBytes(StandardCharsets.ISO_8859_1)));
        v.add(new HeaderValue(TEXT, "only a quote", "\"".getBytes(StandardCharsets.ISO_8859_1)));
        v.add(new HeaderValue(TEXT, "star and list", "*, W/\"0\", \"1\"".getBytes(StandardCharsets.ISO_8859_1)));
        return v;
    }

    // ---- generated with jqwik ----

    private static final String HOSTILE_CHARS = "\u0000\u0001\u0008\u000b\u001b\u007f\u0080\u0085\u009f\u00a0\u00ad"
            + "\u200b\u200d\u200e\u200f\u202a\u202e\u2066\u2069\ufeff\ufffd\ufffe\uffff\ud800\udc00\u0301\u0627\u05d0"
            + "\u00e6\u00f8\u00e5\u00c5'\"\\%&=?#/+;:,<>{}[] \tax0-_.~";

    /** Strings mixing control characters, bidi controls, lone surrogates, combining marks and URL delimiters. */
    static Arbitrary<String> hostileStrings() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars(HOSTILE_CHARS.toCharArray()).ofMinLength(1).ofMaxLength(40),
                Arbitraries.strings().withChars(HOSTILE_CHARS.toCharArray()).ofMinLength(300).ofMaxLength(1500),
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(60));
    }

    /** Numbers from all over the line: longs, huge integers, tiny and huge decimals. */
    static Arbitrary<String> hostileNumbers() {
        return Arbitraries.oneOf(
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30)).map(String::valueOf),
                Arbitraries.bigDecimals().between(new BigDecimal("-1e20"), new BigDecimal("1e20")).ofScale(12)
                        .map(BigDecimal::toPlainString),
                Arbitraries.integers().between(-400, 400).map(e -> "1e" + e),
                Arbitraries.doubles().map(d -> Double.toString(d)));
    }

    /** Draws {@code n} values of the arbitrary, reproducibly for the seed; within a {@code JqwikSession}. */
    static <T> List<T> draw(Arbitrary<T> arbitrary, int n, Random random) {
        RandomGenerator<T> generator = arbitrary.generator(1000, true);
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(generator.next(random).value());
        }
        return out;
    }

    // ---- encoding helpers ----

    /** Percent-encodes every byte of the UTF-8 form except unreserved characters (RFC 3986). */
    static String enc(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(String.format("%02X", c));
            }
        }
        return sb.toString();
    }

    /** A JSON string with every non-ASCII character escaped (so a lone surrogate survives as \\uD800). */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
