package org.referralbridge.server.referral;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the reports module reads of referrals and advocates, as plain records: ids, codes, statuses and times, no
 * demographics.
 */
@Component
public class ReferralReportFacts {

    private final EntityManager entities;
    private final AppointmentBookings appointments;

    ReferralReportFacts(EntityManager entities, AppointmentBookings appointments) {
        this.entities = entities;
        this.appointments = appointments;
    }

    /**
     * One referral as the program's figures count it.
     *
     * @param referredAt when the referral was made: its evidence's captured time, else when it was recorded
     * @param advocateId the advocate it is linked to, or null
     * @param advocateCode the referral code of that advocate, or null
     * @param firstAppointmentBookedAt when the referred patient's first Appointment booked at or after the referral
     *     was made was booked, or null
     */
    public record ReferralFact(
            UUID id,
            String referredPatientId,
            ReferralStatus status,
            String channel,
            String programKey,
            UUID advocateId,
            String advocateCode,
            Instant referredAt,
            Instant firstEncounterAt,
            Instant qualifiedAt,
            Instant firstAppointmentBookedAt) {}

    /** One enrolled advocate, with their referral code as it is shown (grouped, e.g. {@code M24E-5CWY}). */
    public record AdvocateFact(UUID id, String patientId, String referralCode, Instant enrolledAt) {}

    /** The referrals made in [from, to) (by {@link ReferralFact#referredAt}), oldest first. */
    @Transactional(readOnly = true)
    public List<ReferralFact> referralsMadeBetween(Instant from, Instant to) {
        List<Referral> referrals = entities.createQuery(
                        "select r from Referral r where coalesce(r.capturedAt, r.recordedAt) >= :from"
                                + " and coalesce(r.capturedAt, r.recordedAt) < :to"
                                + " order by coalesce(r.capturedAt, r.recordedAt), r.id",
                        Referral.class)
                .setParameter("from", from)
                .setParameter("to", to)
                .getResultList();
        Map<UUID, String> codes = new java.util.HashMap<>();
        for (AdvocateFact advocate : advocates()) {
            codes.put(advocate.id(), advocate.referralCode());
        }
        Map<String, List<Instant>> bookings = appointments.bookingsOf(
                referrals.stream().map(Referral::referredPatientId).toList());
        return referrals.stream()
                .map(r -> new ReferralFact(
                        r.id(),
                        r.referredPatientId(),
                        r.status(),
                        r.channel(),
                        r.programKey(),
                        r.advocateId().orElse(null),
                        r.advocateId().map(codes::get).orElse(null),
                        r.referredAt(),
                        r.firstEncounterAt(),
                        r.qualifiedAt(),
                        firstAtOrAfter(bookings.get(r.referredPatientId()), r.referredAt())))
                .toList();
    }

    private static Instant firstAtOrAfter(List<Instant> oldestFirst, Instant made) {
        if (oldestFirst == null) {
            return null;
        }
        return oldestFirst.stream().filter(at -> !at.isBefore(made)).findFirst().orElse(null);
    }

    /** Every enrolled advocate, oldest enrolment first. */
    @Transactional(readOnly = true)
    public List<AdvocateFact> advocates() {
        return entities
                .createQuery("select a from Advocate a order by a.enrolledAt, a.id", Advocate.class)
                .getResultList()
                .stream()
                .map(a -> new AdvocateFact(a.id(), a.patientId(), a.code().display(), a.enrolledAt()))
                .toList();
    }
}
