-- The front desk's call-back of a friend lead: when, and by which staff user (a username, never patient data).
alter table friend_leads add column contacted_at timestamp with time zone;
alter table friend_leads add column contacted_by varchar(100);
create index friend_leads_waiting on friend_leads (status, contacted_at, created_at);
