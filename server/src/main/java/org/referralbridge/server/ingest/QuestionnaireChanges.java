package org.referralbridge.server.ingest;

import java.util.Optional;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.referralbridge.fhirplugin.client.EhrClient;
import org.referralbridge.mapping.ProfileEvaluator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A QuestionnaireResponse changed (an intake form's "How did you hear about us?"): read it from the EHR, and when the
 * profile reads that questionnaire, record its evidence on the same path as a Patient's. When a patient has evidence
 * from both, the profile's precedence decides a referral that is not linked yet; a linked one stays as it is.
 */
class QuestionnaireChanges {

    private static final Logger log = LoggerFactory.getLogger(QuestionnaireChanges.class);

    private final EhrClient ehr;
    private final ProfileEvaluator mapping;
    private final EvidenceClaims claims;

    QuestionnaireChanges(EhrClient ehr, ProfileEvaluator mapping, EvidenceClaims claims) {
        this.ehr = ehr;
        this.mapping = mapping;
        this.claims = claims;
    }

    void changed(String responseId) {
        Optional<QuestionnaireResponse> response = ehr.read(QuestionnaireResponse.class, responseId);
        if (response.isEmpty()) {
            log.debug("QuestionnaireResponse/{} is gone from the EHR; nothing to do", responseId);
            return;
        }
        if (!mapping.profile().readsQuestionnaireEvidence()) {
            return;
        }
        mapping.questionnaireEvidence(response.get()).ifPresent(claims::record);
    }
}
