package org.referralbridge.server.writeback;

import java.util.UUID;

/**
 * The payload of an outbox row. Each carries a {@code writeId} made when the row is queued: globally unique (unlike
 * the row's id, which repeats after a database reset and across deployments sharing one EHR), so it can name the
 * write in the EHR, as the idempotency tag of its Provenance. Rows queued before it existed have none.
 */
interface WritePayload {

    UUID writeId();

    /** @throws IllegalArgumentException naming the first missing part (never its value) */
    void requireComplete();

    static void require(Object value, String name) {
        if (value == null) {
            throw new IllegalArgumentException("lacks " + name);
        }
    }
}
