package org.referralbridge.server.queue;

import java.util.List;

/**
 * One page of a queue's dead letters, newest failure first.
 *
 * @param search the search the page answers (a kind, or part of one; an item id; a resource id), blank for all
 * @param page the page's number, from 0
 * @param total how many dead letters match the search
 */
public record DeadLetterPage(String queue, String search, List<DeadLetterRow> items, int page, int size, long total) {

    public int totalPages() {
        return (int) ((total + size - 1) / size);
    }

    public boolean hasPrevious() {
        return page > 0;
    }

    public boolean hasNext() {
        return (long) (page + 1) * size < total;
    }
}
