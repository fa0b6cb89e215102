package org.referralbridge.server.landing;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.referralbridge.server.consent.ConsentKind;
import org.referralbridge.server.consent.ConsentState;
import org.referralbridge.server.consent.ConsentStatement;
import org.referralbridge.server.ingest.PatientWithoutReferralEvidence;
import org.referralbridge.server.referral.EhrPatients;
import org.referralbridge.server.referral.PatientFacts;
import org.referralbridge.server.referral.ReferralClaim;
import org.referralbridge.server.referral.ReferralLinked;
import org.referralbridge.server.referral.ReferralManagement;
import org.referralbridge.server.referral.ReviewCandidate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Links a friend's lead once they are a Patient in the EHR, two ways:
 *
 * <ul>
 *   <li>by the code: a referral of the advocate was linked ({@link ReferralLinked}); the newest open lead of that
 *       advocate whose email or phone the new Patient has is linked to them. None matching stays open;
 *   <li>by the contact: a Patient arrived without any referral evidence ({@link PatientWithoutReferralEvidence}) with
 *       the email or phone of an open lead: a referral claim with the lead's code and channel {@code web} is recorded
 *       as any other (its duplicate and identity checks apply), and when it links, the first way links the lead.
 * </ul>
 *
 * When a lead links, the consents the friend chose on the page are recorded for the Patient (the disclosure one
 * about the referrer), by {@code landing-page}: only now is the Patient's id known.
 */
@Component
class LeadLinking {

    static final String WEB_CHANNEL = "web";
    static final String RECORDED_BY = "landing-page";

    private static final Logger log = LoggerFactory.getLogger(LeadLinking.class);
    private static final Set<String> NOTHING = Set.of("");

    private final FriendLeads leads;
    private final EhrPatients ehrPatients;
    private final ReferralManagement referrals;
    private final ConsentState consents;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    LeadLinking(
            FriendLeads leads,
            EhrPatients ehrPatients,
            ReferralManagement referrals,
            ConsentState consents,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.leads = leads;
        this.ehrPatients = ehrPatients;
        this.referrals = referrals;
        this.consents = consents;
        // after the referral's commit: a transaction of its own, not the finished one
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** Way 1: after the referral is committed, so the lead never links to a referral that rolled back. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(ReferralLinked event) {
        List<FriendLead> open = leads.findByAdvocatePatientIdAndStatusOrderByCreatedAtDesc(
                event.advocatePatientId(), FriendLead.Status.OPEN);
        if (open.isEmpty()) {
            return;
        }
        Optional<PatientFacts> facts;
        try {
            facts = ehrPatients.facts(event.referredPatientId());
        } catch (EhrPatients.EhrUnreachable unreachable) {
            log.warn(
                    "Leads of advocate Patient/{} not checked against Patient/{}: the EHR is unreachable",
                    event.advocatePatientId(),
                    event.referredPatientId());
            return;
        }
        if (facts.isEmpty()) {
            return;
        }
        open.stream()
                .filter(lead ->
                        lead.sameContact(facts.get().emails(), facts.get().phones()))
                .findFirst()
                .ifPresent(lead -> link(lead, event.referredPatientId(), event.advocatePatientId()));
    }

    /**
     * Way 2: a Patient without evidence whose email or phone is an open lead's: the lead's advocate becomes the one
     * candidate referrer of a review item, which the front desk confirms or rejects.
     */
    /** How well a lead's email or phone says who referred the Patient, on the review item's 0-100 scale. */
    static final int CONTACT_MATCH_SCORE = 90;

    @EventListener
    void on(PatientWithoutReferralEvidence event) {
        PatientFacts facts = event.facts();
        if (facts.emails().isEmpty() && facts.phones().isEmpty()) {
            return;
        }
        List<FriendLead> matching = leads.openWithContact(
                facts.emails().isEmpty() ? NOTHING : facts.emails(),
                facts.phones().isEmpty() ? NOTHING : facts.phones());
        if (matching.isEmpty()) {
            return;
        }
        FriendLead lead = matching.get(0);
        log.info(
                "Patient/{} has the contact of friend lead {}: its advocate waits for the front desk's review",
                facts.patientId(),
                lead.id());
        // the same email or phone makes it likely, not certain, that this Patient is the friend: the advocate is a
        // candidate the front desk confirms in the review queue; once confirmed, way 1 links the lead
        referrals.record(new ReferralClaim(
                facts.patientId(),
                null,
                null,
                WEB_CHANNEL,
                lead.createdAt(),
                ReferralClaim.PATIENT,
                0,
                List.of(new ReviewCandidate(lead.advocatePatientId(), CONTACT_MATCH_SCORE)),
                null,
                facts));
    }

    private void link(FriendLead found, String patientId, String advocatePatientId) {
        ownTransaction.executeWithoutResult(status -> {
            FriendLead lead = leads.lockById(found.id()).orElseThrow();
            if (lead.status() != FriendLead.Status.OPEN) {
                return;
            }
            lead.link(patientId, clock.instant());
            leads.save(lead);
            for (ConsentStatement statement : chosen(lead, patientId, advocatePatientId)) {
                consents.record(statement, RECORDED_BY);
            }
            log.info("Friend lead {} linked to Patient/{}", lead.id(), patientId);
        });
    }

    /** The consents the friend ticked, as statements of the Patient they became; the form is their written record. */
    static List<ConsentStatement> chosen(FriendLead lead, String patientId, String advocatePatientId) {
        List<ConsentStatement> statements = new ArrayList<>();
        if (lead.consentDisclosure()) {
            statements.add(new ConsentStatement(
                    ConsentKind.REFERRAL_DISCLOSURE,
                    patientId,
                    advocatePatientId,
                    List.of(),
                    true,
                    ConsentStatement.ACTIVE,
                    true,
                    lead.createdAt(),
                    null));
        }
        if (lead.consentEmail()) {
            statements.add(messages(patientId, "email", lead));
        }
        if (lead.consentSms()) {
            statements.add(messages(patientId, "sms", lead));
        }
        return statements;
    }

    private static ConsentStatement messages(String patientId, String channel, FriendLead lead) {
        return new ConsentStatement(
                ConsentKind.PROGRAM_MESSAGES,
                patientId,
                null,
                List.of(channel),
                true,
                ConsentStatement.ACTIVE,
                true,
                lead.createdAt(),
                null);
    }
}
