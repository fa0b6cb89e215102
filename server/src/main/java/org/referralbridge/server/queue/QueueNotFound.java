package org.referralbridge.server.queue;

import java.util.List;
import java.util.regex.Pattern;

/** A queue name no queue has; the message names the queues there are. */
public class QueueNotFound extends RuntimeException {

    /** Quoted back only when it looks like a queue name: anything else may be markup or data. */
    private static final Pattern QUEUE_NAME = Pattern.compile("[a-z0-9_-]{1,40}");

    QueueNotFound(String name, List<String> known) {
        super("There is no queue named " + (QUEUE_NAME.matcher(name).matches() ? name : "so") + ". The queues are: "
                + String.join(", ", known) + ".");
    }
}
