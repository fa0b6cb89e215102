-- Attribution-time fraud outcomes (issue 11). A review item is either a referrer named by demographics (the EHR's
-- candidates, as before) or a possible duplicate identity: the referred patient may be the advocate the claim names
-- under another record (same family name and birth date, phone or email). The item stores which of these matched
-- (signal names, never the values); its one candidate is the advocate.
alter table review_item add column kind varchar(32) default 'REFERRER_NAMED' not null;
alter table review_item add column duplicate_signals varchar(128);

-- First valid referral wins: a later claim that names another advocate for a linked or qualified referral changes
-- nothing, but is kept here with its reason (ALREADY_ATTRIBUTED) for staff. Ids and codes only, no demographics.
create table declined_claim (
    id                  uuid primary key,
    referral_id         uuid         not null references referral (id),
    referred_patient_id varchar(64)  not null,
    reason              varchar(32)  not null,
    advocate_id         uuid,
    referral_code       varchar(64),
    referrer_reference  varchar(128),
    channel             varchar(32),
    evidence_source     varchar(32),
    captured_at         timestamp with time zone,
    declined_at         timestamp with time zone not null
);
create index declined_claim_referral on declined_claim (referral_id, declined_at);
