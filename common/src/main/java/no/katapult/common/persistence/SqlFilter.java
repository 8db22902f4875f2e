package no.katapult.common.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import no.katapult.common.pagination.PageRequest;
import no.katapult.common.pagination.PageResponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A native SQL listing with optional filters, a stable order and a page: one WHERE for the count and the
 * page. Native SQL because array, full-text and ILIKE operators have no HQL form; values are always bound.
 */
public final class SqlFilter {

    private final String from;
    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private String rank;

    /** {@code from} is the FROM clause with its alias, e.g. "facility f JOIN centre c ON ...". */
    public SqlFilter(String from) {
        this.from = from;
    }

    /** Adds the condition when the value is present; the condition names it as {@code :name}. */
    public SqlFilter and(String condition, String name, Object value) {
        if (value != null) {
            conditions.add(condition);
            parameters.put(name, value);
        }
        return this;
    }

    /** Adds a condition that is always applied; bind its parameters with {@link #bind}. */
    public SqlFilter and(String condition) {
        conditions.add(condition);
        return this;
    }

    /** Binds {@code :name} for a condition added without a value. */
    public SqlFilter bind(String name, Object value) {
        parameters.put(name, value);
        return this;
    }

    /**
     * Case-insensitive substring search of {@code text} (when not blank): the condition names it as
     * {@code :name} in {@code ILIKE :name ESCAPE '\'} clauses, and the text's own {@code %}, {@code _} and
     * {@code \} match only themselves.
     */
    public SqlFilter contains(String condition, String name, String text) {
        return text == null || text.isBlank() ? this : and(condition, name, likePattern(text));
    }

    /** {@code %text%} with LIKE's wildcards and escape character in the text escaped by a backslash. */
    static String likePattern(String text) {
        return "%" + text.trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /**
     * Full-text search of {@code q} (when present) in the tsvector column {@code vector}, parsed by the
     * database function {@code toTsquery} (one argument, text to tsquery); the best matches then come first.
     */
    public SqlFilter search(String vector, String toTsquery, String q) {
        if (q != null) {
            String query = toTsquery + "(:q)";
            and(vector + " @@ " + query, "q", q);
            rank = "ts_rank(" + vector + ", " + query + ") DESC, ";
        }
        return this;
    }

    String where() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /** Binds the parameters the statement uses (an unused one would be an error). */
    private void bind(Query query, String sql) {
        parameters.forEach((name, value) -> {
            if (Pattern.compile(":" + name + "\\b").matcher(sql).find()) {
                query.setParameter(name, value);
            }
        });
    }

    /**
     * Selects {@code select} (an entity alias such as "f.*") mapped to {@code type}, ordered by
     * relevance when searching, then by {@code orderBy}, which must end in a unique column so pages
     * never overlap or skip.
     */
    public <E, V> PageResponse<V> page(EntityManager em, String select, Class<E> type, String orderBy,
                                       PageRequest page, Function<List<E>, List<V>> toViews) {
        String countSql = "SELECT count(*) FROM " + from + where();
        // No result class: with Long.class, Hibernate 7.2 keys each call's plan apart and fills its query plan
        // cache with entries of one hash, so every listing cost a scan of that bin (40 % of the registry's CPU).
        Query count = em.createNativeQuery(countSql);
        bind(count, countSql);
        long total = ((Number) count.getSingleResult()).longValue();
        List<E> items = List.of();
        if (total > page.offset()) {
            String sql = "SELECT " + select + " FROM " + from + where()
                    + " ORDER BY " + (rank == null ? "" : rank) + orderBy + " LIMIT :limit OFFSET :offset";
            Query query = em.createNativeQuery(sql, type);
            bind(query, sql);
            query.setParameter("limit", page.size());
            query.setParameter("offset", page.offset());
            @SuppressWarnings("unchecked")
            List<E> result = query.getResultList();
            items = result;
        }
        return PageResponse.of(toViews.apply(items), page, total);
    }
}
