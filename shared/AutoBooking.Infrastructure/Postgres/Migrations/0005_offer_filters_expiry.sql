-- Optional limits beyond price and stops, and the time after which a trip stops watching.
alter table trip_requests
    add column included_airlines    text[]      not null default '{}',
    add column excluded_airlines    text[]      not null default '{}',
    add column max_duration_minutes int         check (max_duration_minutes between 60 and 4320),
    add column checked_bags         int         not null default 0 check (checked_bags between 0 and 3),
    add column expires_at           timestamptz;
create index ix_trip_requests_expiring on trip_requests (expires_at) where status in ('watching', 'paused');
