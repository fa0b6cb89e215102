-- First valid referral wins (issue 7): a referral that is unmatched or channel-only is superseded by a later claim,
-- so the one row per patient (referral_patient_unique) is the *current* referral and each state it replaced is kept
-- here. (One current row plus a history table instead of a partial unique index, which H2 does not have.)
create table referral_history (
    id                  uuid primary key,
    referral_id         uuid         not null references referral (id),
    referred_patient_id varchar(64)  not null,
    status              varchar(16)  not null,
    unmatched_reason    varchar(32),
    referral_code       varchar(64),
    referrer_reference  varchar(128),
    channel             varchar(32),
    captured_at         timestamp with time zone,
    superseded_at       timestamp with time zone not null
);
create index referral_history_referral on referral_history (referral_id, superseded_at);

-- Channel-only referrals (a channel such as social or campaign, no referrer) use status CHANNEL_ONLY; the status
-- column is wide enough. A linked referral's first finished Encounter makes it successful once: when it was counted
-- on the advocate, and the advocate's count (the successfulReferrals of the referral-advocate extension).
alter table referral add column success_counted_at timestamp with time zone;
alter table advocate add column successful_referrals integer default 0 not null;
