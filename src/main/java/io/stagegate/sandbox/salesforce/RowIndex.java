package io.stagegate.sandbox.salesforce;

import java.util.AbstractCollection;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The rows of one object by record number (the number in the id; the sandbox hands them out in order), in pages of
 * plain arrays: 4 bytes a row where a sorted map spent about 40, and iteration in number order, which is id order.
 * Pages are made only where rows are, so a sparse number costs one page. Not thread-safe: the org's lock guards it.
 */
final class RowIndex {
    private static final int PAGE_BITS = 12;
    private static final int PAGE_SIZE = 1 << PAGE_BITS;

    private Row[][] pages = new Row[0][];
    private int size;

    Row get(long number) {
        Row[] page = page(number, false);
        return page == null ? null : page[(int) (number & (PAGE_SIZE - 1))];
    }

    boolean contains(long number) {
        return get(number) != null;
    }

    /** Puts the row under its number; returns the row it replaces, or {@code null}. */
    Row put(long number, Row row) {
        Row[] page = page(number, true);
        int slot = (int) (number & (PAGE_SIZE - 1));
        Row previous = page[slot];
        page[slot] = row;
        if (previous == null) {
            size++;
        }
        return previous;
    }

    Row remove(long number) {
        Row[] page = page(number, false);
        if (page == null) {
            return null;
        }
        int slot = (int) (number & (PAGE_SIZE - 1));
        Row previous = page[slot];
        page[slot] = null;
        if (previous != null) {
            size--;
        }
        return previous;
    }

    void clear() {
        pages = new Row[0][];
        size = 0;
    }

    int size() {
        return size;
    }

    /** The rows in number order; a live view, to be read under the org's lock. */
    java.util.Collection<Row> values() {
        return new AbstractCollection<>() {
            @Override
            public Iterator<Row> iterator() {
                return new Iterator<>() {
                    private int page;
                    private int slot = -1;
                    private Row next = advance();

                    private Row advance() {
                        while (page < pages.length) {
                            Row[] rows = pages[page];
                            if (rows != null) {
                                while (++slot < PAGE_SIZE) {
                                    if (rows[slot] != null) {
                                        return rows[slot];
                                    }
                                }
                            }
                            page++;
                            slot = -1;
                        }
                        return null;
                    }

                    @Override
                    public boolean hasNext() {
                        return next != null;
                    }

                    @Override
                    public Row next() {
                        if (next == null) {
                            throw new NoSuchElementException();
                        }
                        Row current = next;
                        next = advance();
                        return current;
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    private Row[] page(long number, boolean create) {
        if (number < 0) {
            throw new IllegalArgumentException("record numbers are not negative, was " + number);
        }
        long index = number >>> PAGE_BITS;
        if (index >= pages.length) {
            if (!create) {
                return null;
            }
            if (index >= Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("record number " + number + " is beyond what the sandbox indexes");
            }
            pages = Arrays.copyOf(pages, (int) Math.max(index + 1, pages.length + (pages.length >> 1)));
        }
        Row[] page = pages[(int) index];
        if (page == null && create) {
            page = new Row[PAGE_SIZE];
            pages[(int) index] = page;
        }
        return page;
    }
}
