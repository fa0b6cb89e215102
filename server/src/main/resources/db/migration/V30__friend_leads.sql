-- Friend leads (issue 14): what a referred friend sent from the landing page /r/{code}. PHI (name, email, phone,
-- message): shown to staff, never logged. A lead is OPEN until the friend appears in the EHR as a Patient; then it is
-- LINKED to that Patient and the consents the friend chose are recorded.
create table friend_leads (
    id                  uuid primary key,
    referral_code       varchar(16)  not null,
    -- the advocate whose code it is, by their Patient id
    advocate_patient_id varchar(64)  not null,
    name                varchar(200) not null,
    -- lower case, or null
    email               varchar(254),
    -- as typed, or null
    phone               varchar(32),
    -- the phone's digits (the last ten of a longer number), to compare with the EHR's
    phone_digits        varchar(16),
    -- morning, afternoon, evening, any
    preferred_time      varchar(16)  not null,
    message             varchar(500),
    consent_disclosure  boolean      not null,
    consent_email       boolean      not null,
    consent_sms         boolean      not null,
    created_at          timestamp with time zone not null,
    status              varchar(8)   not null,
    linked_patient_id   varchar(64),
    linked_at           timestamp with time zone,
    constraint friend_leads_status check (status in ('OPEN', 'LINKED')),
    constraint friend_leads_contact check (email is not null or phone_digits is not null)
);
create index friend_leads_advocate on friend_leads (advocate_patient_id, status, created_at);
create index friend_leads_email on friend_leads (email, status);
create index friend_leads_phone on friend_leads (phone_digits, status);
