-- When each of the EHR's Appointments was booked, and for which patient: ids and times only, no demographics.
-- "Days from referral to first appointment booked" is read from it; an Appointment may reach us before its
-- patient's referral does, so every booked one is kept, not only those of referred patients.
create table appointment_booking (
    appointment_id varchar(64) primary key,
    patient_id varchar(64) not null,
    booked_at timestamp with time zone not null,
    recorded_at timestamp with time zone not null
);
create index appointment_booking_patient on appointment_booking (patient_id, booked_at);
