package org.referralbridge.server.ingest;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The highest event number seen per topic-based Subscription, kept so a gap in the numbering shows. */
class SubscriptionEvents {

    private final JdbcClient jdbc;

    SubscriptionEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Long> highestSeen(String subscription) {
        return jdbc.sql("select last_event_number from subscription_event where subscription = ?")
                .param(subscription)
                .query(Long.class)
                .optional();
    }

    /** Remembers {@code eventNumber} if it is the highest so far. */
    void seen(String subscription, long eventNumber) {
        jdbc.sql(
                        "insert into subscription_event (subscription, last_event_number) values (?, ?) on conflict do nothing")
                .params(subscription, eventNumber)
                .update();
        jdbc.sql("update subscription_event set last_event_number = ? where subscription = ? and last_event_number < ?")
                .params(eventNumber, subscription, eventNumber)
                .update();
    }
}
