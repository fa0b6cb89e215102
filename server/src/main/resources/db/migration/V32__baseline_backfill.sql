-- The pre-launch baseline backfill (issue 15): the job's state in one row, checkpointed after every page, and what
-- it read, keyed by the resource id so that a page read twice counts once.
create table baseline_backfill (
    id                  int primary key check (id = 1),
    status              varchar(16)  not null, -- RUNNING, STOPPED, FINISHED, FAILED
    method              varchar(32)  not null, -- paged-search (or bulk-export where the EHR offers it)
    resource_type       varchar(32)  not null, -- the type being read: Patient, then Encounter
    cursor_last_updated timestamp with time zone, -- the newest _lastUpdated seen of that type
    cursor_id           varchar(64),           -- the id of the last resource seen
    next_page_url       text,                  -- the EHR's next page link, where to go on
    patient_total       bigint,                -- the Bundle totals, when the EHR gave them
    encounter_total     bigint,
    patients_read       bigint       not null default 0,
    encounters_read     bigint       not null default 0,
    pages               bigint       not null default 0,
    run_started_at      timestamp with time zone,
    run_read            bigint       not null default 0,
    started_at          timestamp with time zone not null,
    stopped_at          timestamp with time zone,
    finished_at         timestamp with time zone,
    updated_at          timestamp with time zone not null,
    stop_requested      boolean      not null default false,
    max_pages           int,                   -- the current run stops itself after this many pages
    lease_owner         varchar(64),
    lease_until         timestamp with time zone,
    error               varchar(500)           -- PHI-free
);

create table baseline_patient (
    patient_id varchar(64) primary key,
    read_at    timestamp with time zone not null
);

create table baseline_encounter (
    encounter_id varchar(64) primary key,
    patient_id   varchar(64),
    status       varchar(32),
    started_at   timestamp with time zone,
    ended_at     timestamp with time zone,
    read_at      timestamp with time zone not null
);
create index baseline_encounter_patient on baseline_encounter (patient_id);
