-- Where the catch-up poller stands per resource type, and which instance may poll (a lease, so one polls at a time).
create table ehr_watermark (
    resource_type varchar(64) primary key,
    last_updated  timestamp with time zone not null,
    lease_owner   varchar(64),
    lease_until   timestamp with time zone
);

-- The last event number seen per topic-based Subscription: a gap means lost notifications, so a catch-up runs.
create table subscription_event (
    subscription      varchar(256) primary key,
    last_event_number bigint not null
);
