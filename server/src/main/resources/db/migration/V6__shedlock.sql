-- ShedLock's lock table (its documented shape): the catch-up poller locks "catch-up-<type>" so one instance polls a
-- type at a time. The times are the database's (ShedLock's usingDbTime), so instances whose clocks disagree still
-- agree on when a lock ran out. The watermark itself stays in ehr_watermark; its hand-made lease columns go.
create table shedlock (
    name       varchar(64)  primary key,
    lock_until timestamp    not null,
    locked_at  timestamp    not null,
    locked_by  varchar(255) not null
);

alter table ehr_watermark drop column lease_owner;
alter table ehr_watermark drop column lease_until;
