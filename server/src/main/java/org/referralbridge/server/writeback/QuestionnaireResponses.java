package org.referralbridge.server.writeback;

import java.util.Date;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.referralbridge.conformance.Canonicals;
import org.referralbridge.conformance.Canonicals.ProgramFeedback;
import org.referralbridge.fhirplugin.client.CreateOutcome;
import org.referralbridge.fhirplugin.client.EhrClient;
import org.referralbridge.server.queue.RetryLater;
import org.referralbridge.server.queue.WorkItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an advocate's survey answer into the EHR: a QuestionnaireResponse of the program-feedback Questionnaire
 * (status completed, the Patient as subject), created conditionally on our identifier, then a Provenance. An answer
 * is never changed afterwards, so a retry only finds what it wrote. The narrative names ids and the score only.
 */
final class QuestionnaireResponses {

    private static final Logger log = LoggerFactory.getLogger(QuestionnaireResponses.class);

    private final EhrClient ehr;
    private final ProvenanceRecords provenance;

    QuestionnaireResponses(EhrClient ehr, ProvenanceRecords provenance) {
        this.ehr = ehr;
        this.provenance = provenance;
    }

    static String identifierQuery(QuestionnaireResponsePayload payload) {
        return "identifier=" + ProgramFeedback.RESPONSE_IDENTIFIER_SYSTEM + "|" + payload.responseId();
    }

    static QuestionnaireResponse of(QuestionnaireResponsePayload payload) {
        QuestionnaireResponse response = new QuestionnaireResponse();
        response.getIdentifier()
                .setSystem(ProgramFeedback.RESPONSE_IDENTIFIER_SYSTEM)
                .setValue(payload.responseId().toString());
        response.setQuestionnaire(ProgramFeedback.URL + "|0.1.0");
        response.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
        response.setSubject(new Reference("Patient/" + payload.patientId()));
        response.setAuthored(Date.from(payload.answeredAt()));
        response.getText().setStatus(Narrative.NarrativeStatus.GENERATED);
        response.getText()
                .setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">Program feedback of Patient/"
                        + payload.patientId() + " (recommend score " + payload.recommendScore() + ").</div>");
        if (payload.experienceScore() != null) {
            answer(response, ProgramFeedback.EXPERIENCE, new IntegerType(payload.experienceScore()));
        }
        if (payload.experienceComment() != null) {
            answer(response, ProgramFeedback.EXPERIENCE_COMMENT, new StringType(payload.experienceComment()));
        }
        if (payload.rewardPreference() != null) {
            answer(
                    response,
                    ProgramFeedback.REWARD_PREFERENCE,
                    new Coding(Canonicals.ReferralReward.KIND_CODE_SYSTEM, payload.rewardPreference(), null));
        }
        if (payload.suggestions() != null) {
            answer(response, ProgramFeedback.SUGGESTIONS, new StringType(payload.suggestions()));
        }
        answer(response, ProgramFeedback.RECOMMEND, new IntegerType(payload.recommendScore()));
        return response;
    }

    private static void answer(QuestionnaireResponse response, String linkId, Type value) {
        response.addItem().setLinkId(linkId).addAnswer().setValue(value);
    }

    void handle(WorkItem item, QuestionnaireResponsePayload payload) {
        QuestionnaireResponse fresh = of(payload);
        CreateOutcome created =
                EhrCalls.call("create QuestionnaireResponse", () -> ehr.create(fresh, identifierQuery(payload)));
        String id = created.id() != null
                ? created.id()
                : EhrCalls.findOne(ehr, "QuestionnaireResponse", identifierQuery(payload));
        if (id == null) {
            throw new RetryLater(
                    "the EHR reported no id for the QuestionnaireResponse of answer " + payload.responseId(),
                    null,
                    null);
        }
        if (created.created() || item.attempts() > 1) {
            log.info("Wrote QuestionnaireResponse/{} for survey answer {}", id, payload.responseId());
            EhrCalls.call("record Provenance", () -> {
                provenance.record(
                        item,
                        payload.writeId(),
                        "QuestionnaireResponse",
                        id,
                        created.versionId(),
                        created.created(),
                        "program-feedback survey answered");
                return null;
            });
        }
    }
}
