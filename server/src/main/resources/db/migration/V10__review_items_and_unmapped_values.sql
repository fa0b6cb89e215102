-- Mapping issue: every evidence source, matching by name with staff review, unmapped values.
--
-- Which evidence source recorded the current referral (Patient or QuestionnaireResponse) and its rank in the mapping
-- profile's precedence when it was recorded (0 = highest): a later claim from a lower-ranked source does not replace
-- a referral that is not linked, unless it links it. Null for referrals recorded before: read as Patient, rank 0.
alter table referral add column evidence_source varchar(32);
alter table referral add column evidence_rank integer;

-- A referrer named by demographics only (free text, name, birth date...) is never linked automatically: the EHR's
-- candidates (ids and a score, never names) wait here for a front-desk decision.
create table review_item (
    id                  uuid primary key,
    referral_id         uuid         not null references referral (id),
    referred_patient_id varchar(64)  not null,
    status              varchar(16)  not null,
    created_at          timestamp with time zone not null,
    decided_at          timestamp with time zone,
    decided_by          varchar(128),
    chosen_patient_id   varchar(64),
    version             bigint       not null
);
create index review_item_by_status on review_item (status, created_at);
create index review_item_by_referral on review_item (referral_id);

create table review_candidate (
    review_item_id  uuid        not null references review_item (id),
    candidate_index integer     not null,
    patient_id      varchar(64) not null,
    score           integer     not null,
    primary key (review_item_id, candidate_index)
);

-- Channel and service-line values a mapping profile's maps did not know: how often and when, so clinic IT can extend
-- the map. Codes only (a value is cut at 64 characters); no patient id.
create table unmapped_value (
    profile_name varchar(64)  not null,
    field        varchar(32)  not null,
    code_system  varchar(255) not null,
    code         varchar(64)  not null,
    occurrences  bigint       not null,
    first_seen   timestamp with time zone not null,
    last_seen    timestamp with time zone not null,
    primary key (profile_name, field, code_system, code)
);
