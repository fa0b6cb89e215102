package org.referralbridge.server.ingest;

import java.util.List;
import org.referralbridge.fhirplugin.client.EhrClient;
import org.referralbridge.fhirplugin.client.EhrRequestRejected;
import org.referralbridge.fhirplugin.client.EhrResponseMalformed;
import org.referralbridge.fhirplugin.client.EhrUnavailable;
import org.referralbridge.server.queue.PermanentFailure;
import org.referralbridge.server.queue.RetryLater;
import org.referralbridge.server.queue.WorkHandler;
import org.referralbridge.server.queue.WorkItem;
import org.referralbridge.server.referral.EhrPatients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Does the work of one inbox item; EHR failures become retries or dead letters. */
class InboxHandler implements WorkHandler {

    private static final Logger log = LoggerFactory.getLogger(InboxHandler.class);

    private final PatientChanges patients;
    private final QuestionnaireChanges questionnaires;
    private final ConsentChanges consents;
    private final EncounterChanges encounters;
    private final AppointmentChanges appointments;
    private final NotificationBundles bundles;
    private final CatchUpPoller catchUp;
    private final EhrClient ehr;
    private final BatchPrefetch prefetch;

    InboxHandler(
            PatientChanges patients,
            QuestionnaireChanges questionnaires,
            ConsentChanges consents,
            EncounterChanges encounters,
            AppointmentChanges appointments,
            NotificationBundles bundles,
            CatchUpPoller catchUp,
            EhrClient ehr,
            BatchPrefetch prefetch) {
        this.ehr = ehr;
        this.prefetch = prefetch;
        this.patients = patients;
        this.questionnaires = questionnaires;
        this.consents = consents;
        this.encounters = encounters;
        this.appointments = appointments;
        this.bundles = bundles;
        this.catchUp = catchUp;
    }

    @Override
    public void prepare(List<WorkItem> batch) {
        prefetch.fetchFor(batch);
    }

    @Override
    public void batchDone() {
        prefetch.clear();
    }

    @Override
    public void handle(WorkItem item) {
        try {
            switch (item.kind()) {
                case Inbox.RESOURCE_CHANGED -> resourceChanged(item);
                case Inbox.NOTIFICATION_BUNDLE -> bundles.received(item.payload());
                case Inbox.CATCH_UP -> catchUp.pollAll();
                default -> throw new PermanentFailure("unknown inbox item kind " + item.kind(), null);
            }
        } catch (EhrUnavailable e) {
            throw new RetryLater(e.getMessage(), e.retryAfter().orElse(null), e);
        } catch (EhrPatients.EhrUnreachable e) {
            // the referral module's own read of the EHR (the identity checks of a claim)
            throw new RetryLater(
                    e.getMessage(),
                    e.getCause() instanceof EhrUnavailable unavailable
                            ? unavailable.retryAfter().orElse(null)
                            : null,
                    e);
        } catch (EhrRequestRejected | EhrResponseMalformed e) {
            // may be a passing fault of the EHR; the attempts limit turns a lasting one into a dead letter
            throw new RetryLater(e.getMessage(), null, e);
        }
    }

    private void resourceChanged(WorkItem item) {
        if (ehr.wroteVersion(item.resourceType(), item.resourceId(), item.versionId())) {
            // the notification of our own write-back: that version differs from the one we read only by our extension
            log.debug("{} version {} is our own write-back; not read again", item.subject(), item.versionId());
            return;
        }
        switch (item.resourceType()) {
            case "Patient" -> patients.changed(item.resourceId());
            case "Encounter" -> encounters.changed(item.resourceId());
            case "Appointment" -> appointments.changed(item.resourceId());
            case "QuestionnaireResponse" -> questionnaires.changed(item.resourceId());
            case "Consent" -> consents.changed(item.resourceId());
            default -> log.debug("{} noted; nothing reads it yet", item.subject());
        }
    }
}
