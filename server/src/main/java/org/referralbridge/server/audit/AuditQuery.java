package org.referralbridge.server.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.referralbridge.server.web.InvalidParameter;
import org.referralbridge.server.web.Paging;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

/**
 * The filters and the page of an audit-trail request, as sent (every one optional). {@link #filter()} checks them and
 * refuses one out of its range or form with a 400 naming it.
 *
 * @param resource a resource id the change touched, e.g. {@code Patient/123}
 * @param from the earliest time recorded (inclusive), an ISO-8601 instant
 * @param to the time before which it was recorded (exclusive), an ISO-8601 instant
 * @param outcome {@code success} or {@code failure}
 */
record AuditQuery(
        String actor,
        String action,
        String resource,
        String from,
        String to,
        String outcome,
        String page,
        String size) {

    /** The largest page served; a larger {@code size} is refused, not cut down silently. */
    static final int MAX_PAGE_SIZE = 500;

    static final int DEFAULT_PAGE_SIZE = 50;

    /** What the query asks for, checked, with its page newest first. */
    Filter filter() {
        int pageSize = number("size", size, DEFAULT_PAGE_SIZE);
        int pageNumber = number("page", page, 0);
        Paging.check(pageNumber, pageSize, MAX_PAGE_SIZE, "audit entries");
        Sort newestFirst = Sort.by(Sort.Order.desc("recordedAt"), Sort.Order.desc("id"));
        return new Filter(
                blankToNull(actor),
                blankToNull(action),
                blankToNull(resource),
                instant("from", from),
                instant("to", to),
                succeeded(),
                PageRequest.of(pageNumber, pageSize, newestFirst));
    }

    /** The checked query; a null filter matches every entry. */
    record Filter(
            String actor,
            String action,
            String resourceId,
            Instant from,
            Instant to,
            Boolean succeeded,
            PageRequest page) {}

    private Boolean succeeded() {
        String wanted = blankToNull(outcome);
        if (wanted == null) {
            return null;
        }
        return switch (wanted) {
            case AuditEntryView.SUCCESS -> true;
            case AuditEntryView.FAILURE -> false;
            default -> throw new InvalidParameter("outcome", "outcome must be success or failure");
        };
    }

    private static int number(String name, String text, int otherwise) {
        if (blankToNull(text) == null) {
            return otherwise;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidParameter(name, name + " must be a whole number from 0 to " + Integer.MAX_VALUE);
        }
    }

    private static Instant instant(String name, String text) {
        if (blankToNull(text) == null) {
            return null;
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidParameter(name, name + " must be an ISO-8601 instant such as 2026-12-01T00:00:00Z");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
