package org.referralbridge.server.cds;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.referralbridge.server.referral.AdvocateView;
import org.referralbridge.server.referral.ReferralStatus;
import org.referralbridge.server.referral.ReferralView;
import org.referralbridge.server.referral.ReviewItemView;

/**
 * The {@code patient-view} cards, worded from what the program knows of the patient ({@link PatientViewFacts}):
 *
 * <ul>
 *   <li>"Referred by Ana Rivera on 3 Nov 2026, channel friend or family": the referrer's name only when the viewer may
 *       see it; a patient-facing viewer reads "another patient (name not shown)" unless the referrer allowed it;
 *   <li>"Advocate: 3 successful referrals, tier silver", when the patient is an advocate;
 *   <li>for a clinician, when the referrer is a patient: "Consent on file: may thank the referrer by name", or that
 *       there is none;
 *   <li>for a clinician, a warning when a review item about the patient waits for the front desk.
 * </ul>
 *
 * A clinician's cards link to the staff app's page for the patient (and launch it as a SMART app where configured);
 * a patient-facing viewer's have no links, since the staff app is not theirs. No card mentions appointments,
 * clinical or coverage details.
 */
final class PatientViewCards {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.US);
    private static final Map<String, String> CHANNELS = Map.of(
            "patient", "patient",
            "friend-family", "friend or family",
            "provider", "health professional",
            "campaign", "campaign",
            "web", "website",
            "social", "social media",
            "event", "event",
            "other", "other");

    private final StaffLinks links;
    private final ZoneId zone;

    PatientViewCards(StaffLinks links, ZoneId zone) {
        this.links = links;
        this.zone = zone;
    }

    List<Card> cards(PatientViewFacts facts) {
        boolean clinician = facts.viewer() == Viewer.CLINICIAN;
        List<Card> cards = new ArrayList<>();
        if (facts.referral() != null) {
            referralCard(facts, clinician).ifPresent(cards::add);
        }
        if (facts.advocate() != null) {
            cards.add(advocateCard(facts.advocate(), facts.tier(), clinician));
        }
        if (clinician
                && facts.referral() != null
                && facts.referrer().isPatient()
                && facts.mayThankReferrerByName() != null) {
            cards.add(consentCard(facts));
        }
        if (clinician && !facts.openReviews().isEmpty()) {
            cards.add(reviewCard(facts.openReviews()));
        }
        return cards;
    }

    private java.util.Optional<Card> referralCard(PatientViewFacts facts, boolean clinician) {
        ReferralView referral = facts.referral();
        String day = day(referral.capturedAt() != null ? referral.capturedAt() : referral.recordedAt());
        String channel = referral.channel() == null ? null : CHANNELS.getOrDefault(referral.channel(), "other");
        List<Card.Link> cardLinks = clinician ? links.consents(facts.patientId()) : List.of();
        if (referral.status() == ReferralStatus.UNMATCHED) {
            if (!clinician) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(Card.info(
                    "A referral was recorded on " + day + " but not matched to an advocate",
                    referral.unmatchedDescription() == null ? null : "Why: " + referral.unmatchedDescription() + ".",
                    links.review(facts.patientId(), facts.openReviews())));
        }
        String summary;
        if (facts.referrer().reference() == null) {
            summary = "Came to the practice through "
                    + (channel == null ? "the referral program" : channel + " (" + "no referrer named)") + ", recorded "
                    + day;
        } else {
            summary = "Referred by " + who(facts.referrer()) + " on " + day
                    + (channel == null ? "" : ", channel " + channel);
        }
        return java.util.Optional.of(Card.info(summary, detail(referral, facts.referrer(), clinician), cardLinks));
    }

    private static String who(PatientViewFacts.ReferrerShown referrer) {
        if (referrer.name() != null) {
            return referrer.name();
        }
        if (referrer.withheld()) {
            return "another patient (name not shown)";
        }
        String type = referrer.reference().split("/", 2)[0];
        switch (type) {
            case "Patient":
                return "a patient of the practice";
            case "Practitioner":
            case "PractitionerRole":
                return "a health professional";
            case "Organization":
                return "an organization";
            case "RelatedPerson":
                return "a relative of a patient";
            default:
                return "someone outside the practice";
        }
    }

    private static String detail(ReferralView referral, PatientViewFacts.ReferrerShown referrer, boolean clinician) {
        StringBuilder detail = new StringBuilder();
        if (referrer.withheld()) {
            detail.append("The referrer has not allowed being named to the patients they refer.");
        }
        if (clinician) {
            if (detail.length() > 0) {
                detail.append(' ');
            }
            detail.append("Referral status: ").append(status(referral)).append('.');
            if (referral.referralCode() != null) {
                detail.append(" Referral code ").append(referral.referralCode()).append('.');
            }
        }
        return detail.length() == 0 ? null : detail.toString();
    }

    private static String status(ReferralView referral) {
        switch (referral.status()) {
            case LINKED:
                return "linked to the referrer, waiting for the first visit";
            case QUALIFIED:
                return "qualified (first visit finished)";
            case CHANNEL_ONLY:
                return "channel recorded, no referrer";
            case IN_REVIEW:
                return "waiting for the front desk's review";
            case REJECTED:
                return "not rewarded"
                        + (referral.rejectionDescription() == null ? "" : ": " + referral.rejectionDescription());
            case REVERSED:
                return "reversed"
                        + (referral.reversalDescription() == null ? "" : ": " + referral.reversalDescription());
            default:
                return referral.status().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    private Card advocateCard(AdvocateView advocate, String tier, boolean clinician) {
        int count = advocate.successfulReferrals();
        String summary = "Advocate: " + count + " successful referral" + (count == 1 ? "" : "s")
                + (tier == null || tier.isBlank() ? "" : ", tier " + tier.strip());
        String detail = "Referral code " + advocate.referralCode() + ", enrolled " + day(advocate.enrolledAt()) + ".";
        return Card.info(summary, detail, clinician ? links.advocateCard(advocate.referralCode()) : List.of());
    }

    private Card consentCard(PatientViewFacts facts) {
        boolean may = facts.mayThankReferrerByName();
        String summary = may
                ? "Consent on file: may thank the referrer by name"
                : "No consent on file: do not tell the referrer this patient came";
        String detail = may
                ? "The patient allowed the practice to tell their referrer that they became a patient."
                : "Thank the referrer without naming this patient (\"a friend you referred\"), or ask the patient"
                        + " for their consent at the front desk.";
        return Card.info(summary, detail, links.consents(facts.patientId()));
    }

    private Card reviewCard(List<ReviewItemView> reviews) {
        ReviewItemView first = reviews.get(0);
        String summary = "Referral needs review: " + first.kindDescription();
        String detail = reviews.size() == 1
                ? "The front desk decides it in the review queue."
                : reviews.size() + " review items wait for the front desk.";
        return Card.warning(summary, detail, links.reviewItem(first.id()));
    }

    private String day(Instant instant) {
        return instant == null ? "an unknown day" : DAY.format(instant.atZone(zone));
    }

    /** Where the cards link to: the staff app's pages, and the SMART launch of the staff app where configured. */
    record StaffLinks(String staffAppUrl, String smartLaunchUrl) {

        List<Card.Link> consents(String patientId) {
            return with(Card.Link.page(
                    "Consents at the front desk",
                    staffAppUrl + "/front-desk/consents?patient="
                            + URLEncoder.encode(patientId, StandardCharsets.UTF_8)));
        }

        List<Card.Link> advocateCard(String code) {
            return with(Card.Link.page(
                    "The advocate's card",
                    staffAppUrl + "/front-desk/advocates/" + URLEncoder.encode(code, StandardCharsets.UTF_8)
                            + "/card"));
        }

        List<Card.Link> reviewItem(java.util.UUID id) {
            return with(Card.Link.page("Open the review item", staffAppUrl + "/front-desk/review/" + id));
        }

        List<Card.Link> review(String patientId, List<ReviewItemView> open) {
            return open.isEmpty() ? consents(patientId) : reviewItem(open.get(0).id());
        }

        private List<Card.Link> with(Card.Link page) {
            if (smartLaunchUrl == null || smartLaunchUrl.isBlank()) {
                return List.of(page);
            }
            return List.of(page, Card.Link.smart("Open in Referral Bridge", smartLaunchUrl, null));
        }
    }
}
