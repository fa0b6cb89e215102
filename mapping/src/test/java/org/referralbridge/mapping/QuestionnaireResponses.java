package org.referralbridge.mapping;

import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.Type;

/** Test QuestionnaireResponses built in code, with answers by linkId, optionally inside a group item. */
final class QuestionnaireResponses {

    private final QuestionnaireResponse response = new QuestionnaireResponse();

    private QuestionnaireResponses(String id) {
        response.setId(id);
        response.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
    }

    static QuestionnaireResponses response(String id) {
        return new QuestionnaireResponses(id);
    }

    QuestionnaireResponses to(String questionnaireCanonical) {
        response.setQuestionnaire(questionnaireCanonical);
        return this;
    }

    QuestionnaireResponses by(String subjectReference) {
        response.getSubject().setReference(subjectReference);
        return this;
    }

    QuestionnaireResponses authored(String dateTime) {
        response.setAuthoredElement(new DateTimeType(dateTime));
        return this;
    }

    QuestionnaireResponses answer(String linkId, Type value) {
        response.addItem().setLinkId(linkId).addAnswer().setValue(value);
        return this;
    }

    /** An answer nested in a group, as intake forms usually are. */
    QuestionnaireResponses answerInGroup(String groupLinkId, String linkId, Type value) {
        QuestionnaireResponseItemComponent group = response.addItem().setLinkId(groupLinkId);
        group.addItem().setLinkId(linkId).addAnswer().setValue(value);
        return this;
    }

    QuestionnaireResponse build() {
        return response;
    }
}
