-- Fencing for queue claims: each claim writes a fresh token, and a worker records a result (done, retry, dead
-- letter, release) or renews its lease only while the row still carries its token. A worker whose lease ran out
-- and whose item another worker claimed can therefore never overwrite that worker's result.
alter table inbox add column claim_token varchar(36);
alter table outbox add column claim_token varchar(36);
