package no.katapult.e2e.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import no.katapult.e2e.sweep.Contract.Operation;
import no.katapult.e2e.sweep.Contract.Param;
import no.katapult.e2e.sweep.Hostile.HeaderValue;
import no.katapult.e2e.sweep.Hostile.Value;
import no.katapult.e2e.sweep.RawHttp.Header;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The hostile cases of one operation, derived from its contract: every other part of the request is valid (the
 * path names the sweep's own resources, required query parameters have good values, the body is the operation's
 * example made valid), and one part is hostile. Locations: path, query, header, body; classes: see {@link Hostile}.
 * Where a list of hostile values is long, each parameter or field gets a seeded sample of it and every class is
 * represented, so the whole sweep uses every value many times over while staying a few thousand cases.
 */
final class Attacks {

    static final String PATH = "path";
    static final String QUERY = "query";
    static final String HEADER = "header";
    static final String BODY = "body";

    /**
     * One hostile request, before authentication and per-send headers (If-Match, Idempotency-Key) are added.
     *
     * @param expected  statuses the answer must have (besides 401 without a token on a protected operation, and a
     *                  429 from the gateway); empty when any 2xx or any 4xx problem will do
     * @param ownAuth   the case carries its own Authorization header: it is sent once per target, not with and
     *                  without a token
     */
    record Case(Operation op, String cls, String location, String label, String path, String query,
                List<Header> headers, byte[] body, boolean chunked, String contentType, boolean ownAuth,
                Set<Integer> expected) {
        String target() {
            return query == null ? path : path + "?" + query;
        }

        boolean hasHeader(String name) {
            return headers.stream().anyMatch(h -> h.name().equalsIgnoreCase(name));
        }

        /**
         * A header value with a control character other than HTAB: HTTP forbids it (RFC 9110 section 5.5), and
         * Netty refuses the message with a bare 400 before any handler of the suite runs. Quarkus has no hook
         * into that answer (quarkus#55082), so it is counted apart, and must be exactly that refusal.
         */
        boolean codecRefusal() {
            List<Header> all = new ArrayList<>(headers);
            if (contentType != null) {
                all.add(Header.of("Content-Type", contentType));
            }
            for (Header h : all) {
                for (byte b : h.value()) {
                    int c = b & 0xff;
                    if ((c < 0x20 && c != '\t') || c == 0x7f) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /** The valid request the cases start from. */
    record Baseline(String path, Map<String, String> pathValues, List<String[]> query, ObjectNode body) {
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String SLOT = "@@sweep-slot@@";
    private static final Pattern DATE_NAME = Pattern.compile(
            "(?i).*(date|time|at|from|to|start|end|until|since|day|opens|closes|valid.*)$");
    private static final int LIMIT_URI = 9_000;
    private static final int LIMIT_HEADERS = 17 * 1024;
    private static final int LIMIT_BODY = 1024 * 1024;
    /** GATEWAY_UPLOAD_MAX_BODY_SIZE and the service's own: a 20 MiB file and 64 KiB of multipart framing. */
    private static final int LIMIT_UPLOAD = 20 * 1024 * 1024 + 64 * 1024;

    private final Operation op;
    private final Baseline base;
    private final Random random;
    private final List<Case> cases = new ArrayList<>();

    private Attacks(Operation op, Baseline base, Random random) {
        this.op = op;
        this.base = base;
        this.random = random;
    }

    static List<Case> of(Operation op, Baseline base, Random random) {
        Attacks a = new Attacks(op, base, random);
        a.path();
        a.query();
        a.headers();
        if (a.takesBody()) {
            a.body();
        }
        a.limits();
        a.generated();
        return a.cases;
    }

    private boolean takesBody() {
        return op.body() != null || op.method().equals("POST") || op.method().equals("PUT")
                || op.method().equals("PATCH");
    }

    // ---- path ----

    private void path() {
        for (Param p : op.params(PATH)) {
            List<Value> values = new ArrayList<>();
            values.addAll(sample(Hostile.urlNumbers(), 3));
            values.addAll(sample(Hostile.urlText(), 3));
            values.addAll(sample(Hostile.urlEncoding(), 3));
            values.addAll(sample(Hostile.urlDates(), 1));
            values.add(new Value(Hostile.PARAMETERS, "empty segment", ""));
            values.add(new Value(Hostile.PARAMETERS, "matrix parameter", base.pathValues().get(p.name()) + ";v=1"));
            values.add(new Value(Hostile.TEXT, "valid value and NUL", base.pathValues().get(p.name()) + "%00"));
            values.add(new Value(Hostile.TEXT, "encoded slash", "a%2Fb"));
            if (p.name().toLowerCase(Locale.ROOT).contains("orgno")) {
                values.add(new Value(Hostile.NUMBERS, "orgNo with a wrong check digit", "910000013"));
                values.add(new Value(Hostile.NUMBERS, "orgNo of nine zeros", "000000000"));
            }
            for (Value v : values) {
                add(v.cls(), PATH, p.name() + " = " + v.label(), pathWith(p.name(), v.text()), baseQuery(), List.of(),
                        baseBody());
            }
        }
    }

    private String pathWith(String name, String wire) {
        String path = op.path();
        for (Map.Entry<String, String> e : base.pathValues().entrySet()) {
            path = path.replace("{" + e.getKey() + "}", e.getKey().equals(name) ? wire : e.getValue());
        }
        return path;
    }

    // ---- query ----

    private void query() {
        for (Param p : op.params(QUERY)) {
            List<Value> values = new ArrayList<>();
            boolean numeric = p.type().equals("integer") || p.type().equals("number");
            boolean dateish = p.format().startsWith("date") || p.format().equals("time")
                    || DATE_NAME.matcher(p.name()).matches() && !p.type().equals("integer");
            values.addAll(sample(Hostile.urlNumbers(), numeric ? 5 : 1));
            values.addAll(sample(Hostile.urlText(), 2));
            values.addAll(sample(Hostile.urlEncoding(), 1));
            values.addAll(dateish ? sample(Hostile.urlDates(), 6) : sample(Hostile.urlDatesShort(), 1));
            if (!p.enumValues().isEmpty()) {
                values.add(new Value(Hostile.PARAMETERS, "unknown enum value", "NO_SUCH_VALUE"));
                values.add(new Value(Hostile.PARAMETERS, "enum value in other case",
                        Hostile.enc(p.enumValues().get(0).toLowerCase(Locale.ROOT).replace('_', '-'))));
                values.add(new Value(Hostile.PARAMETERS, "two enum values", Hostile.enc(String.join(",", p.enumValues()))));
            }
            values.add(new Value(Hostile.PARAMETERS, "empty", ""));
            for (Value v : values) {
                add(v.cls(), QUERY, p.name() + " = " + v.label(), base.path(), queryWith(p.name(), p.name() + "=" + v.text()),
                        List.of(), baseBody());
            }
            String good = goodValue(p);
            add(Hostile.PARAMETERS, QUERY, p.name() + " repeated", base.path(),
                    queryWith(p.name(), p.name() + "=" + good + "&" + p.name() + "=" + sample(Hostile.urlNumbers(), 1).get(0).text()),
                    List.of(), baseBody());
            add(Hostile.PARAMETERS, QUERY, p.name() + " without =", base.path(), queryWith(p.name(), p.name()), List.of(),
                    baseBody());
            add(Hostile.PARAMETERS, QUERY, p.name() + " as an array", base.path(),
                    queryWith(p.name(), p.name() + "[]=" + good + "&" + p.name() + "[0]=" + good), List.of(), baseBody());
        }
        String q = baseQuery();
        String prefix = q == null ? "" : q + "&";
        add(Hostile.PARAMETERS, QUERY, "unknown parameter", base.path(), prefix + "noSuchParameter=1", List.of(), baseBody());
        add(Hostile.PARAMETERS, QUERY, "NUL as a parameter name", base.path(), prefix + "%00=1", List.of(), baseBody());
        add(Hostile.PARAMETERS, QUERY, "empty name and value", base.path(), prefix + "=&&&=x&", List.of(), baseBody());
        add(Hostile.PARAMETERS, QUERY, "1000 repeated parameters", base.path(), prefix + "page=1&".repeat(1000).substring(0, 6999),
                List.of(), baseBody());
        add(Hostile.ENCODING, QUERY, "invalid percent-encoding in a name", base.path(), prefix + "a%zz%=1", List.of(), baseBody());
        add(Hostile.ENCODING, QUERY, "fragment and second question mark", base.path(), prefix + "a=1?b=2", List.of(), baseBody());
    }

    private String goodValue(Param p) {
        for (String[] q : base.query()) {
            if (q[0].equals(p.name())) {
                return q[1];
            }
        }
        if (!p.enumValues().isEmpty()) {
            return p.enumValues().get(0);
        }
        return p.type().equals("integer") || p.type().equals("number") ? "1" : "a";
    }

    private String baseQuery() {
        return base.query().isEmpty() ? null : String.join("&", base.query().stream().map(q -> q[0] + "=" + q[1]).toList());
    }

    /** The valid query with {@code name} replaced by (or extended with) {@code part}. */
    private String queryWith(String name, String part) {
        List<String> parts = new ArrayList<>();
        for (String[] q : base.query()) {
            if (!q[0].equals(name)) {
                parts.add(q[0] + "=" + q[1]);
            }
        }
        parts.add(part);
        return String.join("&", parts);
    }

    // ---- headers ----

    private void headers() {
        for (Param p : op.params(HEADER)) {
            for (HeaderValue v : sample(Hostile.headerValues(), 5)) {
                add(v.cls(), HEADER, p.name() + " = " + v.label(), base.path(), baseQuery(),
                        List.of(new Header(p.name(), v.bytes())), baseBody());
            }
            add(Hostile.PARAMETERS, HEADER, p.name() + " repeated", base.path(), baseQuery(),
                    List.of(Header.of(p.name(), "\"0\""), Header.of(p.name(), "\"1\"")), baseBody());
        }
        for (HeaderValue v : sample(Hostile.headerValues(), 3)) {
            add(v.cls(), HEADER, "X-Request-Id = " + v.label(), base.path(), baseQuery(),
                    List.of(new Header("X-Request-Id", v.bytes())), baseBody());
        }
        add(Hostile.PARAMETERS, HEADER, "X-Request-Id repeated", base.path(), baseQuery(),
                List.of(Header.of("X-Request-Id", "sweep-a"), Header.of("X-Request-Id", "sweep-b")), baseBody());
        for (String accept : sample(List.of("application/json;q=abc", "*/*;q=2", "text/html", "application/xml",
                "application/json;charset=nonsense", ";;;,,,", "x".repeat(3000)), 2)) {
            add(Hostile.TEXT, HEADER, "Accept: " + abbreviate(accept), base.path(), baseQuery(),
                    List.of(Header.of("Accept", accept)), baseBody());
        }
        if (takesBody()) {
            for (String type : List.of("application/json; charset=UTF-16", "application/json; charset=nonsense",
                    "text/plain", "multipart/form-data; boundary=sweep", "application/x-www-form-urlencoded",
                    "application/json; boundary=\u0001")) {
                add(Hostile.ENCODING, HEADER, "Content-Type: " + abbreviate(type), base.path(), baseQuery(), List.of(),
                        baseBody(), type, false);
            }
            add(Hostile.ENCODING, HEADER, "no Content-Type", base.path(), baseQuery(), List.of(), baseBody(), null, false);
        }
        for (String auth : List.of("Bearer", "Bearer not-a-token", "Bearer a.b.c", "Basic c2l2YS1hZG1pbjpzaXZhLWFkbWlu",
                "Bearer " + "A".repeat(9000), "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")) {
            add(Hostile.TEXT, HEADER, "Authorization: " + abbreviate(auth), base.path(), baseQuery(),
                    List.of(Header.of("Authorization", auth)), baseBody(), "application/json", true);
        }
    }

    // ---- body ----

    private void body() {
        // The literals the issue names, always; the other whole-body cases sampled.
        List<Value> whole = new ArrayList<>();
        List<Value> all = Hostile.wholeBodies();
        for (Value v : all) {
            if (List.of("JSON null", "JSON true", "JSON 12", "JSON \"x\"", "JSON []").contains(v.label())
                    || v.label().startsWith("deep nesting")) {
                whole.add(v);
            }
        }
        List<Value> rest = new ArrayList<>(all);
        rest.removeAll(whole);
        whole.addAll(sample(rest, 4));
        for (Value v : whole) {
            add(v.cls(), BODY, v.label(), base.path(), baseQuery(), List.of(), utf8(v.text()));
        }
        ObjectNode body = base.body();
        if (body == null || body.isEmpty()) {
            add(Hostile.ENCODING, BODY, "invalid UTF-8", base.path(), baseQuery(), List.of(),
                    bytes("{\"comment\": \"a", new byte[]{(byte) 0xC3, 0x28, (byte) 0xFF}, "\"}"));
            return;
        }
        String first = body.fieldNames().next();
        add(Hostile.BODIES, BODY, "duplicate key " + first, base.path(), baseQuery(), List.of(),
                utf8(withDuplicate(body, first, body.get(first).toString())));
        add(Hostile.BODIES, BODY, "duplicate key " + first + " of another type", base.path(), baseQuery(), List.of(),
                utf8(withDuplicate(body, first, "[1e400, null]")));
        add(Hostile.BODIES, BODY, "required fields missing: {}", base.path(), baseQuery(), List.of(), utf8("{}"));
        ObjectNode missing = body.deepCopy();
        op.body().path("required").forEach(r -> missing.remove(r.asText()));
        if (missing.size() < body.size()) {
            add(Hostile.BODIES, BODY, "required fields left out", base.path(), baseQuery(), List.of(), utf8(missing.toString()));
        }
        add(Hostile.BODIES, BODY, "an array of the valid body", base.path(), baseQuery(), List.of(),
                utf8("[" + body + "," + body + "]"));
        add(Hostile.BODIES, BODY, "1000 unknown members", base.path(), baseQuery(), List.of(),
                utf8(body.toString().replaceFirst("^\\{", "{" + unknownMembers(1000) + ",")));

        List<Leaf> leaves = leaves(body, op.body());
        Collections.shuffle(leaves, random);
        // Every field of a small body; a sample of 24 of a large one (a facility has some 60), each sweep another.
        if (leaves.size() > 24) {
            leaves = new ArrayList<>(leaves.subList(0, 24));
        }
        int perField = leaves.size() > 12 ? 2 : 4;
        int typeRotation = 0;
        for (Leaf leaf : leaves) {
            List<Value> values = new ArrayList<>();
            List<Value> wrong = Hostile.wrongTypes(leaf.type());
            values.add(wrong.get(typeRotation++ % wrong.size()));
            switch (leaf.kind()) {
                case "number" -> values.addAll(sample(Hostile.jsonNumbers(), perField));
                case "date" -> values.addAll(sample(Hostile.jsonDates(), perField + 1));
                case "enum" -> {
                    values.add(new Value(Hostile.PARAMETERS, "unknown enum value", "\"NO_SUCH_VALUE\""));
                    values.add(new Value(Hostile.PARAMETERS, "enum value in lower case",
                            Hostile.quote(leaf.value().asText().toLowerCase(Locale.ROOT))));
                }
                case "string" -> values.addAll(sample(Hostile.jsonText(), perField - 1));
                case "array" -> {
                    values.add(new Value(Hostile.BODIES, "nested 5000 deep", Hostile.deepValue(5000)));
                    values.add(new Value(Hostile.BODIES, "10 000 nulls", "[" + "null,".repeat(9999) + "null]"));
                }
                default -> values.add(new Value(Hostile.TYPES, "{\"a\":{}}", "{\"a\":{}}"));
            }
            if (leaf.name().toLowerCase(Locale.ROOT).contains("orgno")) {
                values.add(new Value(Hostile.NUMBERS, "orgNo with a wrong check digit", "\"910000013\""));
                values.add(new Value(Hostile.NUMBERS, "orgNo as a number", "910000012"));
            }
            for (Value v : values) {
                add(v.cls(), BODY, leaf.path() + " = " + abbreviate(v.label()), base.path(), baseQuery(), List.of(),
                        utf8(replace(body, leaf, v.text())));
            }
        }
        // Raw bytes that are not UTF-8, inside the first string field.
        leaves.stream().filter(l -> l.kind().equals("string")).findFirst().ifPresent(leaf -> {
            for (byte[] bad : List.of(new byte[]{(byte) 0xC3, 0x28}, new byte[]{(byte) 0xFF, (byte) 0xFE},
                    new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[]{(byte) 0xC0, (byte) 0xAF})) {
                String text = replace(body, leaf, "\"" + SLOT + "\"");
                int at = text.indexOf(SLOT);
                add(Hostile.ENCODING, BODY, leaf.path() + " = invalid UTF-8 " + hex(bad), base.path(), baseQuery(),
                        List.of(), bytes(text.substring(0, at), bad, text.substring(at + SLOT.length())));
            }
        });
        for (List<String> pair : List.of(List.of("start", "end"), List.of("opensAt", "closesAt"), List.of("from", "to"),
                List.of("validFrom", "validTo"))) {
            if (body.has(pair.get(0)) && body.has(pair.get(1))) {
                ObjectNode reversed = body.deepCopy();
                reversed.set(pair.get(0), body.get(pair.get(1)));
                reversed.set(pair.get(1), body.get(pair.get(0)));
                add(Hostile.DATES, BODY, "reversed " + pair.get(0) + " and " + pair.get(1), base.path(), baseQuery(),
                        List.of(), utf8(reversed.toString()));
            }
        }
    }

    /** A leaf (or an array or object member) of the example body, with what kind of value it is. */
    record Leaf(String path, List<Object> steps, String name, String type, String kind, JsonNode value) {
    }

    private static List<Leaf> leaves(ObjectNode body, JsonNode schema) {
        List<Leaf> out = new ArrayList<>();
        collect(body, schema, "", new ArrayList<>(), out, 0);
        return out;
    }

    private static void collect(JsonNode node, JsonNode schema, String path, List<Object> steps, List<Leaf> out,
                                int depth) {
        if (node instanceof ObjectNode object) {
            Map<String, JsonNode> members = new LinkedHashMap<>();
            object.fields().forEachRemaining(e -> members.put(e.getKey(), e.getValue()));
            for (Map.Entry<String, JsonNode> e : members.entrySet()) {
                JsonNode s = schema == null ? null : schema.path("properties").path(e.getKey());
                List<Object> next = new ArrayList<>(steps);
                next.add(e.getKey());
                String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                JsonNode v = e.getValue();
                out.add(new Leaf(p, next, e.getKey(), typeOf(v), kindOf(e.getKey(), v, s), v));
                if ((v.isObject() || v.isArray()) && depth < 3) {
                    collect(v, s, p, next, out, depth + 1);
                }
            }
        } else if (node instanceof ArrayNode array && !array.isEmpty()) {
            List<Object> next = new ArrayList<>(steps);
            next.add(0);
            JsonNode items = schema == null ? null : schema.path("items");
            collect(array.get(0), items, path + "[0]", next, out, depth + 1);
        }
    }

    private static String typeOf(JsonNode v) {
        return v.isNull() ? "null" : v.isBoolean() ? "boolean" : v.isIntegralNumber() ? "integer" : v.isNumber()
                ? "number" : v.isTextual() ? "string" : v.isArray() ? "array" : "object";
    }

    private static String kindOf(String name, JsonNode v, JsonNode schema) {
        if (v.isNumber()) {
            return "number";
        }
        if (v.isArray()) {
            return "array";
        }
        if (v.isObject()) {
            return "object";
        }
        if (v.isTextual()) {
            String format = schema == null ? "" : schema.path("format").asText("");
            if (schema != null && schema.has("enum") || v.asText().matches("[A-Z][A-Z0-9_]{2,}")) {
                return "enum";
            }
            if (format.startsWith("date") || format.equals("time") || format.equals("local-time")
                    || v.asText().matches("\\d{4}-\\d\\d-\\d\\d.*|\\d\\d:\\d\\d(:\\d\\d)?")
                    || DATE_NAME.matcher(name).matches() && !format.equals("uuid")) {
                return "date";
            }
            return "string";
        }
        return "other";
    }

    /** The body with the leaf's value replaced by this raw JSON text. */
    private static String replace(ObjectNode body, Leaf leaf, String json) {
        ObjectNode copy = body.deepCopy();
        JsonNode parent = copy;
        List<Object> steps = leaf.steps();
        for (int i = 0; i < steps.size() - 1; i++) {
            Object s = steps.get(i);
            parent = s instanceof Integer n ? parent.get(n) : parent.get((String) s);
        }
        Object last = steps.get(steps.size() - 1);
        if (parent instanceof ObjectNode o) {
            o.put((String) last, SLOT);
        } else if (parent instanceof ArrayNode a) {
            a.set((Integer) last, NODES.textNode(SLOT));
        }
        return copy.toString().replace("\"" + SLOT + "\"", json);
    }

    private static String withDuplicate(ObjectNode body, String field, String second) {
        String text = body.toString();
        return text.substring(0, text.length() - 1) + ",\"" + field + "\":" + second + "}";
    }

    private static String unknownMembers(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append("\"unknown").append(i).append("\":").append(i);
        }
        return sb.toString();
    }

    // ---- 413, 414, 431 ----

    private void limits() {
        String q = baseQuery();
        add(Hostile.LIMITS, QUERY, "URI over 8 KiB (414)", base.path(),
                (q == null ? "" : q + "&") + "pad=" + "x".repeat(LIMIT_URI), List.of(), baseBody(), "application/json",
                false, Set.of(414));
        add(Hostile.LIMITS, HEADER, "headers over 16 KiB (431)", base.path(), q,
                List.of(Header.of("X-Pad", "x".repeat(LIMIT_HEADERS))), baseBody(), "application/json", false, Set.of(431));
        add(Hostile.LIMITS, HEADER, "200 headers over 16 KiB (431)", base.path(), q, manyHeaders(200, 90), baseBody(),
                "application/json", false, Set.of(431));
        if (op.upload()) {
            // An upload's own limit (20 MiB and the multipart framing), and it must declare its length.
            byte[] big = new byte[LIMIT_UPLOAD + 1];
            add(Hostile.LIMITS, BODY, "upload over 20 MiB + 64 KiB (413)", base.path(), q, List.of(), big,
                    "multipart/form-data; boundary=x", false, Set.of(413));
            cases.add(new Case(op, Hostile.LIMITS, BODY, "chunked upload (411)", base.path(), q, List.of(),
                    utf8("--x\r\n"), true, "multipart/form-data; boundary=x", false, Set.of(411)));
        } else if (takesBody()) {
            byte[] big = utf8("{\"pad\": \"" + "x".repeat(LIMIT_BODY) + "\"}");
            add(Hostile.LIMITS, BODY, "body over 1 MiB (413)", base.path(), q, List.of(), big, "application/json", false,
                    Set.of(413));
            cases.add(new Case(op, Hostile.LIMITS, BODY, "chunked body over 1 MiB (413)", base.path(), q, List.of(),
                    utf8("[" + "1,".repeat(LIMIT_BODY) + "1]"), true, "application/json", false, Set.of(413)));
        }
    }

    private static List<Header> manyHeaders(int n, int size) {
        List<Header> headers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            headers.add(Header.of("X-Pad-" + i, "y".repeat(size)));
        }
        return headers;
    }

    // ---- generated by jqwik ----

    private void generated() {
        List<String> strings = Hostile.draw(Hostile.hostileStrings(), 6, random);
        List<String> numbers = Hostile.draw(Hostile.hostileNumbers(), 3, random);
        List<Param> query = op.params(QUERY);
        Param qp = query.isEmpty() ? null : query.get(random.nextInt(query.size()));
        String qname = qp == null ? "q" : qp.name();
        add(Hostile.GENERATED, QUERY, qname + " = generated string", base.path(),
                queryWith(qname, qname + "=" + Hostile.enc(strings.get(0))), List.of(), baseBody());
        add(Hostile.GENERATED, QUERY, qname + " = generated number", base.path(),
                queryWith(qname, qname + "=" + Hostile.enc(numbers.get(0))), List.of(), baseBody());
        List<Param> path = op.params(PATH);
        if (!path.isEmpty()) {
            Param pp = path.get(random.nextInt(path.size()));
            add(Hostile.GENERATED, PATH, pp.name() + " = generated string", pathWith(pp.name(), Hostile.enc(strings.get(1))),
                    baseQuery(), List.of(), baseBody());
        }
        add(Hostile.GENERATED, HEADER, "X-Request-Id = generated string", base.path(), baseQuery(),
                List.of(new Header("X-Request-Id", strings.get(2).replaceAll("[\\r\\n]", " ").getBytes(StandardCharsets.UTF_8))),
                baseBody());
        ObjectNode body = base.body();
        if (takesBody() && body != null && !body.isEmpty()) {
            List<Leaf> leaves = leaves(body, op.body());
            List<Leaf> texts = leaves.stream().filter(l -> l.kind().equals("string") || l.kind().equals("date")).toList();
            List<Leaf> nums = leaves.stream().filter(l -> l.kind().equals("number")).toList();
            for (int i = 0; i < 2 && !texts.isEmpty(); i++) {
                Leaf leaf = texts.get(random.nextInt(texts.size()));
                add(Hostile.GENERATED, BODY, leaf.path() + " = generated string", base.path(), baseQuery(), List.of(),
                        utf8(replace(body, leaf, Hostile.quote(strings.get(3 + i)))));
            }
            for (int i = 0; i < 2 && !nums.isEmpty(); i++) {
                Leaf leaf = nums.get(random.nextInt(nums.size()));
                add(Hostile.GENERATED, BODY, leaf.path() + " = generated number " + abbreviate(numbers.get(1 + i)),
                        base.path(), baseQuery(), List.of(), utf8(replace(body, leaf, numbers.get(1 + i))));
            }
        }
    }

    // ---- helpers ----

    private byte[] baseBody() {
        if (!takesBody() || base.body() == null) {
            return null;
        }
        return utf8(base.body().toString());
    }

    private void add(String cls, String location, String label, String path, String query, List<Header> headers,
                     byte[] body) {
        add(cls, location, label, path, query, headers, body, "application/json", false);
    }

    private void add(String cls, String location, String label, String path, String query, List<Header> headers,
                     byte[] body, String contentType, boolean ownAuth) {
        add(cls, location, label, path, query, headers, body, contentType, ownAuth, Set.of());
    }

    private void add(String cls, String location, String label, String path, String query, List<Header> headers,
                     byte[] body, String contentType, boolean ownAuth, Set<Integer> expected) {
        cases.add(new Case(op, cls, location, label, path, query, headers, body, false, contentType, ownAuth, expected));
    }

    private <T> List<T> sample(List<T> values, int n) {
        List<T> copy = new ArrayList<>(values);
        Collections.shuffle(copy, random);
        return copy.subList(0, Math.min(n, copy.size()));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String before, byte[] raw, String after) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(utf8(before));
        b.writeBytes(raw);
        b.writeBytes(utf8(after));
        return b.toByteArray();
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(String.format("%02X", b & 0xff));
        }
        return sb.toString();
    }

    static String abbreviate(String s) {
        String p = RawHttp.printable(s);
        return p.length() > 60 ? p.substring(0, 40) + "...(" + s.length() + " chars)" : p;
    }
}
