package org.referralbridge.server.referral;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One of the EHR's Appointments as it was booked: whose, and when. Ids and times only. */
@Entity
@Table(name = "appointment_booking")
class AppointmentBooking {

    @Id
    @Column(name = "appointment_id")
    private String appointmentId;

    @Column(name = "patient_id", nullable = false)
    private String patientId;

    @Column(name = "booked_at", nullable = false)
    private Instant bookedAt;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    protected AppointmentBooking() {}

    AppointmentBooking(String appointmentId, String patientId, Instant bookedAt, Instant recordedAt) {
        this.appointmentId = appointmentId;
        this.patientId = patientId;
        this.bookedAt = bookedAt;
        this.recordedAt = recordedAt;
    }

    String patientId() {
        return patientId;
    }

    Instant bookedAt() {
        return bookedAt;
    }

    /** The Appointment was moved to another patient (a booking made on the wrong chart, corrected). */
    void movedTo(String patientId) {
        this.patientId = patientId;
    }
}
