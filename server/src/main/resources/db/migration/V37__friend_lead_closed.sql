-- A friend lead the front desk closed (the friend is not interested, or cannot be reached): when, and by which staff
-- user. A closed lead is no longer linked when the friend becomes a patient.
alter table friend_leads drop constraint friend_leads_status;
alter table friend_leads add constraint friend_leads_status check (status in ('OPEN', 'LINKED', 'CLOSED'));
alter table friend_leads add column closed_at timestamp with time zone;
alter table friend_leads add column closed_by varchar(100);
