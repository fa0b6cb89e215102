package org.referralbridge.server.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentParticipantComponent;
import org.hl7.fhir.r4.model.Reference;
import org.referralbridge.fhirplugin.client.EhrClient;
import org.referralbridge.server.referral.AppointmentBookings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Appointment changed: read it from the EHR and record when it was booked and for which patient, for "days from
 * referral to first appointment booked". Booked means {@code booked} or a later step of the visit ({@code arrived},
 * {@code checked-in}, {@code fulfilled}); a booking cancelled or missed later still was one, so those statuses leave
 * what was recorded as it is (and record nothing for an Appointment never seen booked: it may have been cancelled
 * while proposed). One entered in error, or gone from the EHR, was never booked. When it was booked: its {@code
 * created}, else the EHR's last update of the version first seen booked (no earlier than the booking: the figure
 * errs on the long side, never the short).
 */
class AppointmentChanges {

    /** The statuses of an Appointment that has been booked. */
    static final Set<String> BOOKED = Set.of("booked", "arrived", "checked-in", "fulfilled");

    private static final Logger log = LoggerFactory.getLogger(AppointmentChanges.class);

    private final EhrClient ehr;
    private final AppointmentBookings bookings;
    private final Clock clock;

    AppointmentChanges(EhrClient ehr, AppointmentBookings bookings, Clock clock) {
        this.ehr = ehr;
        this.bookings = bookings;
        this.clock = clock;
    }

    void changed(String appointmentId) {
        Optional<Appointment> read = ehr.read(Appointment.class, appointmentId);
        if (read.isEmpty() || read.get().getStatus() == Appointment.AppointmentStatus.ENTEREDINERROR) {
            bookings.withdrawn(appointmentId);
            return;
        }
        Appointment appointment = read.get();
        String status = appointment.hasStatus() ? appointment.getStatus().toCode() : null;
        if (status == null || !BOOKED.contains(status)) {
            // proposed, pending, waitlist: not booked yet; cancelled, noshow: what was recorded stays
            return;
        }
        Optional<String> patient = patientOf(appointment);
        if (patient.isEmpty()) {
            log.debug("Appointment/{} has no Patient participant; not counted", appointmentId);
            return;
        }
        bookings.booked(appointmentId, patient.get(), bookedAt(appointment));
    }

    /** The Appointment's {@code created}, else when the EHR last changed it, else now. */
    private Instant bookedAt(Appointment appointment) {
        if (appointment.hasCreated()) {
            return appointment.getCreated().toInstant();
        }
        if (appointment.getMeta().hasLastUpdated()) {
            return appointment.getMeta().getLastUpdated().toInstant();
        }
        return clock.instant();
    }

    /** The id of the first participant that is a Patient (a reference {@code Patient/<id>}). */
    static Optional<String> patientOf(Appointment appointment) {
        for (AppointmentParticipantComponent participant : appointment.getParticipant()) {
            Reference actor = participant.getActor();
            if (actor.hasReferenceElement()
                    && "Patient".equals(actor.getReferenceElement().getResourceType())
                    && actor.getReferenceElement().hasIdPart()) {
                return Optional.of(actor.getReferenceElement().getIdPart());
            }
        }
        return Optional.empty();
    }
}
