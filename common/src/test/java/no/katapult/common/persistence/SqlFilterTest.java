package no.katapult.common.persistence;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SqlFilterTest {

    @Test
    void likePatternMatchesTheTextLiterallyAnywhere() {
        assertEquals("%50\\% off%", SqlFilter.likePattern(" 50% off "));
        assertEquals("%a\\_b%", SqlFilter.likePattern("a_b"));
        assertEquals("%c:\\\\temp%", SqlFilter.likePattern("c:\\temp"));
    }

    @Test
    void absentValuesAddNoCondition() {
        SqlFilter filter = new SqlFilter("t")
                .and("t.a = :a", "a", null)
                .contains("t.b ILIKE :b ESCAPE '\\'", "b", "  ")
                .contains("t.c ILIKE :c ESCAPE '\\'", "c", null)
                .search("t.v", "to_tsquery", null);
        assertEquals("", filter.where());
    }

    @Test
    void presentValuesAreAndedInOrder() {
        SqlFilter filter = new SqlFilter("t")
                .and("(t.x OR t.y)")
                .and("t.a = :a", "a", 1)
                .contains("t.b ILIKE :b ESCAPE '\\'", "b", "x")
                .search("t.v", "to_tsquery", "word");
        assertEquals(" WHERE (t.x OR t.y) AND t.a = :a AND t.b ILIKE :b ESCAPE '\\' AND t.v @@ to_tsquery(:q)",
                filter.where());
    }
}
