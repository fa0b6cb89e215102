package org.referralbridge.server.consent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.referralbridge.conformance.Canonicals.ProgramMessagesConsent;
import org.referralbridge.conformance.Canonicals.ReferrerRecognitionConsent;

/**
 * The checks a consent the front desk took must pass before it is recorded, the same for the API and the staff web
 * app's pages: the kind, the patient, the decision, the referrer a disclosure is about, the channels of recognition
 * and messages, and the written record an SMS opt-in needs. Each problem names its field; nothing is recorded here.
 */
public final class ConsentChecks {

    static final Set<String> MESSAGE_CHANNELS = Set.of(ProgramMessagesConsent.EMAIL, ProgramMessagesConsent.SMS);
    static final Set<String> RECOGNITION_CHANNELS = Set.of(
            ReferrerRecognitionConsent.NEWSLETTER,
            ReferrerRecognitionConsent.SOCIAL_MEDIA,
            ReferrerRecognitionConsent.OFFICE_DISPLAY);
    static final Pattern PATIENT_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private ConsentChecks() {}

    /**
     * A consent as the front desk took it.
     *
     * @param kind {@code referral-disclosure}, {@code referrer-recognition} or {@code program-messages}
     * @param actorPatientId for a disclosure: the referrer the referred patient lets the practice tell
     * @param channels recognition: one or more of newsletter, social-media, office-display; messages: exactly one of
     *     email, sms
     * @param decision {@code permit} or {@code deny}
     * @param writtenRecord a signed form is on file (required for an SMS opt-in)
     */
    public record Request(
            String kind,
            String patientId,
            String actorPatientId,
            List<String> channels,
            String decision,
            Boolean writtenRecord,
            Instant consentedAt) {}

    /** One problem of a request: the field ({@code kind}, {@code channels}, {@code writtenRecord}...) and why. */
    public record Problem(String field, String message) {}

    /** The statement to record, or (statement null) every problem the request has. */
    public record Checked(ConsentStatement statement, List<Problem> problems) {

        public boolean valid() {
            return statement != null;
        }
    }

    /** Whether the text is a Patient id as consents name patients ({@code 123}, {@code Patient/123}). */
    public static boolean isPatientId(String text) {
        return text != null && PATIENT_ID.matcher(strip(text)).matches();
    }

    /** The request as a statement, or every problem it has. */
    public static Checked check(Request body) {
        List<Problem> problems = new ArrayList<>();
        ConsentKind kind =
                body.kind() == null ? null : ConsentKind.ofCode(body.kind()).orElse(null);
        if (kind == null) {
            problems.add(new Problem("kind", "must be referral-disclosure, referrer-recognition or program-messages"));
        }
        if (!isPatientId(body.patientId())) {
            problems.add(new Problem("patientId", "must be a Patient id"));
        }
        boolean permit = "permit".equals(body.decision());
        if (!permit && !"deny".equals(body.decision())) {
            problems.add(new Problem("decision", "must be permit or deny"));
        }
        List<String> channels = body.channels() == null ? List.of() : body.channels();
        if (kind == ConsentKind.REFERRAL_DISCLOSURE) {
            if (!isPatientId(body.actorPatientId())) {
                problems.add(new Problem(
                        "actorPatientId", "a disclosure consent names the referrer it is about (a Patient id)"));
            }
            if (!channels.isEmpty()) {
                problems.add(new Problem("channels", "a disclosure consent has no channels"));
            }
        } else if (kind == ConsentKind.REFERRER_RECOGNITION) {
            if (channels.isEmpty() || !RECOGNITION_CHANNELS.containsAll(channels)) {
                problems.add(new Problem("channels", "one or more of newsletter, social-media, office-display"));
            }
        } else if (kind == ConsentKind.PROGRAM_MESSAGES) {
            if (channels.size() != 1 || !MESSAGE_CHANNELS.contains(channels.get(0))) {
                problems.add(new Problem("channels", "exactly one of email, sms"));
            } else if (permit
                    && ProgramMessagesConsent.SMS.equals(channels.get(0))
                    && !Boolean.TRUE.equals(body.writtenRecord())) {
                problems.add(new Problem(
                        "writtenRecord", "an SMS opt-in needs a written record on file (TCPA, 47 CFR 64.1200)"));
            }
        }
        if (!problems.isEmpty()) {
            return new Checked(null, List.copyOf(problems));
        }
        return new Checked(
                new ConsentStatement(
                        kind,
                        strip(body.patientId()),
                        kind == ConsentKind.REFERRAL_DISCLOSURE ? strip(body.actorPatientId()) : null,
                        channels,
                        permit,
                        ConsentStatement.ACTIVE,
                        Boolean.TRUE.equals(body.writtenRecord()),
                        body.consentedAt(),
                        null),
                List.of());
    }

    /** The id without surrounding blanks or a {@code Patient/} prefix. */
    public static String strip(String id) {
        return id.strip().replaceFirst("^Patient/", "");
    }
}
