package org.referralbridge.server.surveys;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.referralbridge.server.messages.ProgramInvitations;
import org.referralbridge.server.messages.SurveyInvitations;
import org.referralbridge.server.referral.AdvocateView;
import org.referralbridge.server.referral.ReferralManagement;
import org.referralbridge.server.web.PublicAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends survey rounds and keeps their answers: a round goes to the advocates listed (or all advocates), each only with
 * a current program-messages consent for e-mail; an answer is kept once per token and published as
 * {@link SurveyAnswered} in the same transaction, for the write-back to the EHR.
 */
class Surveys {

    private static final Logger log = LoggerFactory.getLogger(Surveys.class);

    /** Where the hosted form is. */
    static final String FORM_PATH = "/s/";

    private final SurveyInvitations invitations;
    private final ReferralManagement referrals;
    private final SurveyTokens tokens;
    private final SurveyResponses responses;
    private final PublicAddress address;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Surveys(
            SurveyInvitations invitations,
            ReferralManagement referrals,
            SurveyTokens tokens,
            SurveyResponses responses,
            PublicAddress address,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            Clock clock) {
        this.invitations = invitations;
        this.referrals = referrals;
        this.tokens = tokens;
        this.responses = responses;
        this.address = address;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    /** What a round's sending did, by patient id: no names. */
    record Sent(
            String roundId,
            List<String> queued,
            List<String> noConsent,
            List<String> alreadySent,
            List<String> notAdvocates) {}

    /**
     * Sends the round to these patients, or to every enrolled advocate when {@code patientIds} is null.
     *
     * @return the patients by outcome
     */
    Sent send(String roundId, List<String> patientIds) {
        List<String> targets = new ArrayList<>();
        List<String> notAdvocates = new ArrayList<>();
        if (patientIds == null) {
            targets.addAll(allAdvocates());
        } else {
            for (String patientId : new LinkedHashSet<>(patientIds)) {
                if (referrals.advocateOfPatient(patientId).isPresent()) {
                    targets.add(patientId);
                } else {
                    notAdvocates.add(patientId);
                }
            }
        }
        List<String> queued = new ArrayList<>();
        List<String> noConsent = new ArrayList<>();
        List<String> already = new ArrayList<>();
        for (String patientId : targets) {
            String link = address.of(FORM_PATH + tokens.issue(patientId, roundId));
            ProgramInvitations.Outcome outcome = invitations.send(patientId, roundId, link);
            switch (outcome) {
                case QUEUED -> queued.add(patientId);
                case ALREADY_INVITED -> already.add(patientId);
                case NO_CONSENT -> noConsent.add(patientId);
                case MESSAGES_OFF -> throw new IllegalStateException("program messages are off");
            }
        }
        log.info(
                "Survey round {}: {} queued, {} without consent, {} sent before, {} not advocates",
                roundId,
                queued.size(),
                noConsent.size(),
                already.size(),
                notAdvocates.size());
        return new Sent(roundId, queued, noConsent, already, notAdvocates);
    }

    private List<String> allAdvocates() {
        List<String> all = new ArrayList<>();
        int page = 0;
        Page<AdvocateView> found;
        do {
            found = referrals.advocates(PageRequest.of(page++, 200));
            found.forEach(advocate -> all.add(advocate.patientId()));
        } while (found.hasNext());
        return all;
    }

    /** What became of a token presented to the form. */
    enum TokenState {
        OPEN,
        ANSWERED,
        EXPIRED,
        INVALID
    }

    record Checked(TokenState state, SurveyTokens.Claims claims) {}

    Checked check(String token) {
        Optional<SurveyTokens.Claims> claims = tokens.verify(token);
        if (claims.isEmpty()) {
            return new Checked(TokenState.INVALID, null);
        }
        if (responses.answered(claims.get().tokenId())) {
            return new Checked(TokenState.ANSWERED, claims.get());
        }
        if (claims.get().expired()) {
            return new Checked(TokenState.EXPIRED, claims.get());
        }
        return new Checked(TokenState.OPEN, claims.get());
    }

    /** @return false when the token was answered before (nothing kept, nothing published) */
    boolean answer(SurveyTokens.Claims claims, SurveyForm form) {
        Instant now = clock.instant();
        SurveyResponses.Answer answer = new SurveyResponses.Answer(
                claims.tokenId(),
                claims.roundId(),
                claims.patientId(),
                now,
                form.recommendScore(),
                blankToNull(form.getRewardPreference()),
                form.experienceScore(),
                blankToNull(form.getExperienceComment()),
                blankToNull(form.getSuggestions()));
        Boolean kept = transactions.execute(tx -> {
            if (!responses.save(answer)) {
                tx.setRollbackOnly();
                return false;
            }
            events.publishEvent(new SurveyAnswered(
                    answer.tokenId(),
                    answer.patientId(),
                    now,
                    answer.recommendScore(),
                    answer.experienceScore(),
                    answer.experienceComment(),
                    answer.rewardPreference(),
                    answer.suggestions()));
            return true;
        });
        if (Boolean.TRUE.equals(kept)) {
            log.info("Survey answer {} kept (round {})", claims.tokenId(), claims.roundId());
        }
        return Boolean.TRUE.equals(kept);
    }

    SurveyResults results(Instant from, Instant to) {
        return SurveyResults.of(from, to, responses.between(from, to), List.copyOf(RewardKinds.DISPLAYS.keySet()));
    }

    static UUID newRound() {
        return UUID.randomUUID();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
