package no.katapult.common.pagination;

/**
 * A page of a listing: index from 0 and a size capped at {@link #MAX_SIZE} (a client asking for "all"
 * gets the largest page). Parse it from {@link PageParams} with {@code QueryParams.page}.
 */
public record PageRequest(int page, int size) {
    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;
    /** Highest page index: well past any real listing, and the offset stays an int. */
    public static final int MAX_PAGE = 100_000;

    public PageRequest {
        page = Math.min(Math.max(page, 0), MAX_PAGE);
        size = Math.min(Math.max(size, 1), MAX_SIZE);
    }

    public static PageRequest first() {
        return new PageRequest(0, DEFAULT_SIZE);
    }

    /** Rows to skip: at most MAX_PAGE x MAX_SIZE, so it cannot overflow. */
    public int offset() {
        return page * size;
    }
}
