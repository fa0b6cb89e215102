package org.referralbridge.server.referral;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read-only counts of advocates and referrals for the program manager's overview, each one count query: no rows are
 * loaded and nothing about a patient leaves the module.
 */
@Service
@Transactional(readOnly = true)
public class ReferralCounts {

    private final EntityManager entities;

    ReferralCounts(EntityManager entities) {
        this.entities = entities;
    }

    /** Advocates enrolled, all time. */
    public long enrolledAdvocates() {
        return entities.createQuery("select count(a) from Advocate a", Long.class)
                .getSingleResult();
    }

    /** Advocates named by at least one referral recorded in [from, to). */
    public long advocatesWithReferralsRecorded(Instant from, Instant to) {
        return entities.createQuery(
                        "select count(distinct r.advocateId) from Referral r where r.advocateId is not null"
                                + " and r.recordedAt >= :from and r.recordedAt < :to",
                        Long.class)
                .setParameter("from", from)
                .setParameter("to", to)
                .getSingleResult();
    }

    /** Referrals recorded in [from, to) by where they stand now; every status is present, most with 0. */
    public Map<ReferralStatus, Long> referralsRecordedByStatus(Instant from, Instant to) {
        Map<ReferralStatus, Long> counts = new EnumMap<>(ReferralStatus.class);
        for (ReferralStatus status : ReferralStatus.values()) {
            counts.put(status, 0L);
        }
        List<Object[]> rows = entities.createQuery(
                        "select r.status, count(r) from Referral r where r.recordedAt >= :from and r.recordedAt < :to"
                                + " group by r.status",
                        Object[].class)
                .setParameter("from", from)
                .setParameter("to", to)
                .getResultList();
        for (Object[] row : rows) {
            counts.put((ReferralStatus) row[0], ((Number) row[1]).longValue());
        }
        return counts;
    }
}
