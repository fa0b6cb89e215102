package org.referralbridge.server.cds;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.referralbridge.server.referral.AdvocateView;
import org.referralbridge.server.referral.ReferralStatus;
import org.referralbridge.server.referral.ReferralView;

/** How the cards word what the program knows, apart from HTTP and the EHR. */
class PatientViewCardsTests {

    private static final Instant NOV_3 = Instant.parse("2026-11-03T15:00:00Z");
    private static final PatientViewCards.StaffLinks LINKS =
            new PatientViewCards.StaffLinks("https://staff.example.org", null);
    private final PatientViewCards cards = new PatientViewCards(LINKS, ZoneOffset.UTC);

    @Test
    void aClinicianReadsTheReferrersNameTheChannelAndTheConsentOnFile() {
        List<Card> shown = cards.cards(facts(
                Viewer.CLINICIAN,
                referral(ReferralStatus.QUALIFIED, "Patient/anna", "friend-family"),
                new PatientViewFacts.ReferrerShown("Patient/anna", "Ana Rivera", false),
                true));

        assertThat(shown)
                .extracting(Card::summary)
                .containsExactly(
                        "Referred by Ana Rivera on 3 Nov 2026, channel friend or family",
                        "Consent on file: may thank the referrer by name");
        assertThat(shown.get(0).detail()).contains("qualified (first visit finished)", "Referral code ANNA-7Q2K");
        assertThat(shown.get(0).links()).singleElement().satisfies(link -> {
            assertThat(link.url()).isEqualTo("https://staff.example.org/front-desk/consents?patient=p1");
            assertThat(link.type()).isEqualTo("absolute");
        });
    }

    @Test
    void aPatientFacingViewerReadsNeitherTheWithheldNameNorTheCodeNorStaffLinks() {
        List<Card> shown = cards.cards(facts(
                Viewer.PATIENT_FACING,
                referral(ReferralStatus.LINKED, "Patient/anna", "patient"),
                new PatientViewFacts.ReferrerShown("Patient/anna", null, true),
                false));

        assertThat(shown).singleElement().satisfies(card -> {
            assertThat(card.summary())
                    .isEqualTo("Referred by another patient (name not shown) on 3 Nov 2026," + " channel patient");
            assertThat(card.detail()).isEqualTo("The referrer has not allowed being named to the patients they refer.");
            assertThat(card.links()).isEmpty();
        });
    }

    @Test
    void referrersWhoAreNotPatientsAndReferralsWithoutAReferrerAreWordedByWhatTheyAre() {
        assertThat(summary(
                        referral(ReferralStatus.LINKED, "Practitioner/7", "provider"),
                        new PatientViewFacts.ReferrerShown("Practitioner/7", null, false)))
                .isEqualTo("Referred by a health professional on 3 Nov 2026, channel health professional");
        assertThat(summary(referral(ReferralStatus.CHANNEL_ONLY, null, "social"), PatientViewFacts.ReferrerShown.NONE))
                .isEqualTo("Came to the practice through social media (no referrer named), recorded 3 Nov 2026");
        assertThat(cards.cards(facts(
                        Viewer.PATIENT_FACING,
                        referral(ReferralStatus.UNMATCHED, null, null),
                        PatientViewFacts.ReferrerShown.NONE,
                        null)))
                .as("an unmatched code means nothing to a patient")
                .isEmpty();
    }

    @Test
    void anAdvocateCardCountsSuccessesAndNamesTheTierWhenThereIsOne() {
        AdvocateView advocate = new AdvocateView("ANNA-7Q2K", "anna", Instant.parse("2025-01-15T10:00:00Z"), 1);
        PatientViewFacts facts = new PatientViewFacts(
                "anna",
                Viewer.CLINICIAN,
                null,
                PatientViewFacts.ReferrerShown.NONE,
                null,
                advocate,
                "silver",
                List.of());

        List<Card> shown = new PatientViewCards(
                        new PatientViewCards.StaffLinks(
                                "https://staff.example.org", "https://staff.example.org/launch"),
                        ZoneOffset.UTC)
                .cards(facts);

        assertThat(shown).singleElement().satisfies(card -> {
            assertThat(card.summary()).isEqualTo("Advocate: 1 successful referral, tier silver");
            assertThat(card.detail()).isEqualTo("Referral code ANNA-7Q2K, enrolled 15 Jan 2025.");
            assertThat(card.links())
                    .extracting(Card.Link::type, Card.Link::url)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(
                                    "absolute", "https://staff.example.org/front-desk/advocates/ANNA-7Q2K/card"),
                            org.assertj.core.groups.Tuple.tuple("smart", "https://staff.example.org/launch"));
        });
    }

    @Test
    void aSummaryNeverExceedsWhatTheSpecAllows() {
        String longName = "A".repeat(200);
        String summary = summary(
                referral(ReferralStatus.LINKED, "Patient/x", "patient"),
                new PatientViewFacts.ReferrerShown("Patient/x", longName, false));

        assertThat(summary).hasSizeLessThan(Card.SUMMARY_LIMIT).endsWith("…");
    }

    private String summary(ReferralView referral, PatientViewFacts.ReferrerShown referrer) {
        return cards.cards(facts(Viewer.CLINICIAN, referral, referrer, null))
                .get(0)
                .summary();
    }

    private static PatientViewFacts facts(
            Viewer viewer, ReferralView referral, PatientViewFacts.ReferrerShown referrer, Boolean mayThank) {
        return new PatientViewFacts("p1", viewer, referral, referrer, mayThank, null, null, List.of());
    }

    private static ReferralView referral(ReferralStatus status, String referrer, String channel) {
        return new ReferralView(
                UUID.randomUUID(),
                "p1",
                status,
                null,
                null,
                referrer == null ? null : "ANNA-7Q2K",
                referrer,
                null,
                channel,
                NOV_3,
                NOV_3,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }
}
