package org.referralbridge.server.cds;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;

/**
 * A CDS Hooks card as the EHR shows it.
 *
 * @param summary one line, under 140 characters
 * @param detail markdown, or null
 * @param indicator {@code info}, {@code warning} or {@code critical}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Card(String uuid, String summary, String detail, String indicator, Source source, List<Link> links) {

    static final int SUMMARY_LIMIT = 140;

    static Card info(String summary, String detail, List<Link> links) {
        return new Card(UUID.randomUUID().toString(), fit(summary), detail, "info", Source.PROGRAM, links);
    }

    static Card warning(String summary, String detail, List<Link> links) {
        return new Card(UUID.randomUUID().toString(), fit(summary), detail, "warning", Source.PROGRAM, links);
    }

    private static String fit(String summary) {
        return summary.length() < SUMMARY_LIMIT ? summary : summary.substring(0, SUMMARY_LIMIT - 2) + "…";
    }

    record Source(String label) {
        static final Source PROGRAM = new Source("Referral Bridge");
    }

    /** @param type {@code absolute} (a page) or {@code smart} (a SMART app the EHR launches) */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Link(String label, String url, String type, String appContext) {

        static Link page(String label, String url) {
            return new Link(label, url, "absolute", null);
        }

        static Link smart(String label, String url, String appContext) {
            return new Link(label, url, "smart", appContext);
        }
    }
}
