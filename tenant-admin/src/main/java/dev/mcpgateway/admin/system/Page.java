package dev.mcpgateway.admin.system;

import java.util.List;

/**
 * One page of a list: the rows, the zero-based page number, the page size and the total count.
 */
public record Page<T>(List<T> items, int number, int size, long total) {

    public int totalPages() {
        return (int) Math.max(1, (total + size - 1) / size);
    }

    public boolean hasPrevious() {
        return number > 0;
    }

    public boolean hasNext() {
        return number + 1 < totalPages();
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    /** The 1-based index of the first row shown, for "showing 26–50 of 80". */
    public long firstRow() {
        return items.isEmpty() ? 0 : (long) number * size + 1;
    }

    public long lastRow() {
        return (long) number * size + items.size();
    }

    /** Clamps a requested page number to something non-negative. */
    public static int clamp(Integer requested) {
        return requested == null || requested < 0 ? 0 : requested;
    }
}
