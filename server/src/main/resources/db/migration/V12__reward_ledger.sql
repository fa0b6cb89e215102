-- The reward ledger (issue 11): what each referrer earned, one row per event, append-only. The service inserts rows
-- and reads them, it never updates or deletes one (the entity is immutable and its repository can only save and
-- query). A void or a correction is a new row naming, in corrects_entry_id, the EARNED row it voids or corrects; the
-- EARNED row itself never changes. Patients are named by their EHR ids only, never by names or other PHI.
--
-- One reward per referral and reward rule, even with two instances racing: earned_rule_id repeats reward_rule_id on
-- EARNED rows and is null on every other row (the check constraint holds it to that), and a plain unique constraint
-- on (referral_id, earned_rule_id) lets the database refuse the second EARNED row, whichever transaction commits
-- first. Unique constraints count nulls as distinct in PostgreSQL and H2 alike, so voids and corrections are never
-- refused by it. PostgreSQL would allow a partial unique index (where entry_kind = 'EARNED') instead, H2 has none; a
-- separate table of earned keys would work on both but needs a second insert and a second entity to keep in step,
-- while the column keeps the guard in the row it guards. voided_entry_id does the same for voids: one per entry.
create table reward_ledger (
    id                       uuid primary key,
    -- EARNED, VOIDED or CORRECTION
    entry_kind               varchar(16)    not null,
    referral_id              uuid           not null,
    referrer_patient_id      varchar(64)    not null,
    referred_patient_id      varchar(64)    not null,
    program_key              varchar(64)    not null,
    -- the program's reward rule, or tier, that earned it
    reward_rule_id           varchar(64)    not null,
    -- the item given (after a compliance reduce, the substitute): its id in the program, kind and retail value
    item_id                  varchar(64)    not null,
    item_kind                varchar(32)    not null,
    retail_value             numeric(10, 2) not null,
    currency                 varchar(3)     not null,
    -- the compliance decision that allowed it: outcome (ALLOW, REDUCE), the rules that decided it and every rule
    -- that applied, each a comma-separated list of stable rule ids (OIG-NOMINAL-ITEM-15,...)
    compliance_outcome       varchar(16)    not null,
    compliance_rule_ids      text           not null,
    compliance_rules_checked text           not null,
    -- for VOIDED and CORRECTION: the EARNED entry voided or corrected
    corrects_entry_id        uuid references reward_ledger (id),
    -- staff's reason for a void or correction (no PHI)
    reason                   varchar(500),
    earned_rule_id           varchar(64),
    voided_entry_id          uuid,
    recorded_at              timestamp with time zone not null,
    -- user name or client id; 'system' for the service's own workers
    recorded_by              varchar(128)   not null,
    constraint reward_ledger_kind check (entry_kind in ('EARNED', 'VOIDED', 'CORRECTION')),
    constraint reward_ledger_value check (retail_value >= 0),
    constraint reward_ledger_corrects check (
        (entry_kind = 'EARNED' and corrects_entry_id is null)
        or (entry_kind <> 'EARNED' and corrects_entry_id is not null)),
    constraint reward_ledger_earned_key check (
        (entry_kind = 'EARNED' and earned_rule_id = reward_rule_id)
        or (entry_kind <> 'EARNED' and earned_rule_id is null)),
    constraint reward_ledger_voided_key check (
        (entry_kind = 'VOIDED' and voided_entry_id = corrects_entry_id)
        or (entry_kind <> 'VOIDED' and voided_entry_id is null)),
    constraint reward_ledger_earned_once unique (referral_id, earned_rule_id),
    constraint reward_ledger_voided_once unique (voided_entry_id)
);
-- the yearly sums per referrer that the compliance caps count
create index reward_ledger_referrer_year on reward_ledger (referrer_patient_id, recorded_at);
create index reward_ledger_corrects on reward_ledger (corrects_entry_id);
create index reward_ledger_referral on reward_ledger (referral_id);
