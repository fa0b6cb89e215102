-- Program-feedback survey answers (issue 15): one row per answered survey token (a round and an advocate), kept for
-- the results' aggregation; the QuestionnaireResponse in the EHR is the record. The comments are the advocate's own
-- words (PHI-ish): shown to program admins, never logged.
create table survey_responses (
    token_id            uuid primary key,
    round_id            varchar(64)  not null,
    patient_id          varchar(64)  not null,
    answered_at         timestamp with time zone not null,
    -- 0 to 10
    recommend_score     integer      not null,
    -- a referral-reward-kind code, or null
    reward_preference   varchar(32),
    -- 1 to 5, or null
    experience_score    integer,
    experience_comment  varchar(2000),
    suggestions         varchar(2000),
    constraint survey_responses_recommend check (recommend_score between 0 and 10),
    constraint survey_responses_experience check (experience_score is null or experience_score between 1 and 5)
);
create index survey_responses_answered on survey_responses (answered_at);
