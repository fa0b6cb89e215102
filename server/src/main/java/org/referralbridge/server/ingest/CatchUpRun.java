package org.referralbridge.server.ingest;

import java.time.Instant;
import java.util.List;

/**
 * One run of the catch-up poller on this instance, as clinic IT's pages show it.
 *
 * @param found resources the searches returned (changes the inbox already had included)
 * @param queued of those, the changes that entered the inbox (no notification had brought them)
 * @param polledTypes the types this instance searched (another instance may hold a type's lease)
 * @param failedTypes the types whose search failed; the next run tries them again from the same watermark
 */
public record CatchUpRun(
        Instant startedAt,
        Instant finishedAt,
        long found,
        int queued,
        List<String> polledTypes,
        List<String> failedTypes) {

    public CatchUpRun {
        polledTypes = List.copyOf(polledTypes);
        failedTypes = List.copyOf(failedTypes);
    }
}
