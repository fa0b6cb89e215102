-- Qualification (issue 11): a linked referral becomes QUALIFIED (status column, wide enough already) when its first
-- qualifying finished Encounter (class code and service line of the program's success definition) finished within
-- the program's window. Which Encounter and program qualified it, and when; or, for a linked referral whose qualifying
-- Encounter came too late, why it is not qualified (QUALIFICATION_WINDOW_EXPIRED), so staff can see it.
alter table referral add column qualifying_encounter_id varchar(64);
alter table referral add column qualified_at timestamp with time zone;
alter table referral add column qualified_program_key varchar(64);
alter table referral add column qualification_note varchar(64);
