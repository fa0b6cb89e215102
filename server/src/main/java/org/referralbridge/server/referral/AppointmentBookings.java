package org.referralbridge.server.referral;

import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The EHR's Appointments as booked, for "days from referral to first appointment booked". Every booked Appointment
 * is kept (an Appointment can reach us before its patient's referral does); one entered in error is forgotten, one
 * cancelled later is not (it was booked).
 */
@Component
public class AppointmentBookings {

    /** How many patient ids one query asks for at most (well under every database's bind-parameter limit). */
    static final int CHUNK = 1000;

    private final EntityManager entities;
    private final Clock clock;

    AppointmentBookings(EntityManager entities, Clock clock) {
        this.entities = entities;
        this.clock = clock;
    }

    /**
     * The Appointment is booked (or past booked: arrived, checked in, fulfilled). Its first booking time stays as it
     * was first recorded; a change of patient is followed.
     */
    @Transactional
    public void booked(String appointmentId, String patientId, Instant bookedAt) {
        AppointmentBooking booking = entities.find(AppointmentBooking.class, appointmentId);
        if (booking == null) {
            entities.persist(new AppointmentBooking(appointmentId, patientId, bookedAt, clock.instant()));
        } else if (!booking.patientId().equals(patientId)) {
            booking.movedTo(patientId);
        }
    }

    /** The Appointment was entered in error (or deleted): it was never booked. */
    @Transactional
    public void withdrawn(String appointmentId) {
        AppointmentBooking booking = entities.find(AppointmentBooking.class, appointmentId);
        if (booking != null) {
            entities.remove(booking);
        }
    }

    /** Whether the Appointment is recorded as booked. */
    @Transactional(readOnly = true)
    public boolean isBooked(String appointmentId) {
        return entities.find(AppointmentBooking.class, appointmentId) != null;
    }

    /** Every booking time of each of these patients, oldest first; a patient without one is left out. */
    Map<String, List<Instant>> bookingsOf(Collection<String> patientIds) {
        Map<String, List<Instant>> bookings = new HashMap<>();
        List<String> ids = patientIds.stream().distinct().toList();
        for (int start = 0; start < ids.size(); start += CHUNK) {
            List<AppointmentBooking> found = entities.createQuery(
                            "select b from AppointmentBooking b where b.patientId in :ids order by b.bookedAt",
                            AppointmentBooking.class)
                    .setParameter("ids", ids.subList(start, Math.min(ids.size(), start + CHUNK)))
                    .getResultList();
            for (AppointmentBooking booking : found) {
                bookings.computeIfAbsent(booking.patientId(), k -> new ArrayList<>())
                        .add(booking.bookedAt());
            }
        }
        return bookings;
    }
}
