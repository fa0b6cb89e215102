-- Consent state (issue 12): one row per consent statement and channel, from the EHR's Consent resources or from the
-- front desk through the API (then written to the EHR). A change supersedes the current row (superseded_at) with a
-- new one; rows are never deleted, so the history of every consent stays. Ids and codes only, no PHI.
create table consent_record (
    id               uuid primary key,
    -- REFERRAL_DISCLOSURE, REFERRER_RECOGNITION, PROGRAM_MESSAGES
    kind             varchar(32)  not null,
    patient_id       varchar(64)  not null,
    -- the referrer a disclosure consent is about; '' for the other kinds
    actor_patient_id varchar(64)  not null,
    -- newsletter, social-media, office-display, email, sms; '' when the kind has no channel
    channel          varchar(32)  not null,
    permit           boolean      not null,
    -- active, inactive (revoked), rejected, proposed
    status           varchar(16)  not null,
    -- a written record is attached (an SMS opt-in needs one: TCPA, 47 CFR 64.1200)
    written_record   boolean      not null,
    consented_at     timestamp with time zone,
    -- EHR or API
    source           varchar(8)   not null,
    ehr_consent_id   varchar(64),
    -- the statement the row belongs to: one statement covers several channels
    statement_id     uuid         not null,
    recorded_at      timestamp with time zone not null,
    recorded_by      varchar(128) not null,
    superseded_at    timestamp with time zone,
    constraint consent_record_status check (status in ('active', 'inactive', 'rejected', 'proposed')),
    constraint consent_record_source check (source in ('EHR', 'API'))
);
create index consent_record_key on consent_record (kind, patient_id, actor_patient_id, channel, superseded_at);
create index consent_record_ehr on consent_record (ehr_consent_id);
create index consent_record_statement on consent_record (statement_id);
create index consent_record_patient on consent_record (patient_id, recorded_at);
