-- Settlement and rewards (issue 11). A qualified referral is settled once: its program's eligibility rules either
-- reject it (status REJECTED with rejection_reason) or count it as a successful referral of its advocate
-- (success_counted_at), and then the rewards it earns are recorded (rewarded_at). A qualified referral whose
-- qualifying Encounter is cancelled or entered in error later is REVERSED. Codes only: no PHI.
alter table referral add column program_key varchar(64);
alter table referral add column rejection_reason varchar(64);
alter table referral add column settled_at timestamp with time zone;
alter table referral add column rewarded_at timestamp with time zone;
alter table referral add column reversal_reason varchar(64);
alter table referral add column reversed_at timestamp with time zone;
-- the sweep looks for qualified referrals not yet settled and rewarded
create index referral_unsettled on referral (status, rewarded_at);

-- A reward and where it stands (held, awaiting-approval, approved, issued, voided, blocked): what staff act on. The
-- ledger (V12) holds what was earned and counts for the caps; this row holds the lifecycle and refers to its ledger
-- entry when the reward is of value. One reward per referral and rule, whoever races.
create table reward (
    id                       uuid primary key,
    referral_id              uuid           not null,
    referrer_patient_id      varchar(64)    not null,
    referred_patient_id      varchar(64)    not null,
    program_key              varchar(64)    not null,
    -- the program's reward rule id, or tier-<threshold>
    rule_id                  varchar(64)    not null,
    -- the item the program would give, and the item given (the same, or a reduce's substitute)
    requested_item_id        varchar(64)    not null,
    item_id                  varchar(64)    not null,
    item_kind                varchar(32)    not null,
    retail_value             numeric(10, 2) not null,
    status                   varchar(32)    not null,
    compliance_outcome       varchar(16)    not null,
    compliance_rule_ids      text           not null,
    compliance_rules_checked text           not null,
    -- sentences for staff, one per line, without PHI
    compliance_reasons       text           not null,
    -- the decision's inputs, by id and code: the government programs found for each (e.g. MEDICARE,CHIP), the
    -- Coverages they were read from, the practice's state, and the referrer's year-to-date the caps counted
    referrer_programs        varchar(128)   not null,
    referred_programs        varchar(128)   not null,
    coverage_ids             text           not null,
    practice_state           varchar(2),
    year_to_date             numeric(10, 2) not null,
    ledger_entry_id          uuid references reward_ledger (id),
    earned_at                timestamp with time zone not null,
    hold_until               timestamp with time zone,
    approved_by              varchar(128),
    approved_at              timestamp with time zone,
    issued_by                varchar(128),
    issued_at                timestamp with time zone,
    voided_by                varchar(128),
    voided_at                timestamp with time zone,
    void_reason              varchar(500),
    overridden_by            varchar(128),
    overridden_at            timestamp with time zone,
    override_reason          varchar(500),
    -- for an issued reward whose referral was reversed: the ledger correction recorded
    reversed_after_issue_at  timestamp with time zone,
    -- grows by one with each change; the write-back never replaces a newer revision with an older one
    revision                 bigint         not null,
    version                  bigint         not null,
    constraint reward_once unique (referral_id, rule_id),
    constraint reward_status check (status in
        ('EARNED', 'HELD', 'AWAITING_APPROVAL', 'APPROVED', 'ISSUED', 'VOIDED', 'BLOCKED')),
    constraint reward_value check (retail_value >= 0)
);
create index reward_referrer on reward (referrer_patient_id, earned_at);
create index reward_status_hold on reward (status, hold_until);
