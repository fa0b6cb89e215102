-- Fencing for queue claims: each claim writes a fresh token, and a worker records a result (done, retry, dead
-- letter, release) or renews its lease only while the row still carries its token. A worker whose lease ran out
-- and whose item another worker claimed can therefore never overwrite that worker's result.
alter table inbox add column claim_token varchar(36);
alter table outbox add column claim_token varchar(36);

-- Reasons stored before this version could hold any exception's message, and a third party's may quote resource
-- content; from now on only PHI-free text is stored (the server's FailureText), so the old ones go.
update inbox set last_error = 'reason not kept (recorded before reasons were PHI-free)' where last_error is not null;
update outbox set last_error = 'reason not kept (recorded before reasons were PHI-free)' where last_error is not null;
