-- The referred patient's first finished Encounter: the start of qualification, and of "days to first visit".
alter table referral add column first_encounter_id varchar(64);
alter table referral add column first_encounter_at timestamp with time zone;
