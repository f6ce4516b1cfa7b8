-- Webhook events are claimed before they are processed, not recorded after: a unique claim row per
-- (provider, event id) in state 'processing' with a lease, 'processed' once handled. Concurrent deliveries of one
-- event race on the primary key, so exactly one processes it; a crash mid-processing leaves a claim whose lease
-- runs out, and the provider's redelivery claims it again. Rows recorded before this migration were handled.
alter table webhook_events
    add column status       text        not null default 'processed' check (status in ('processing', 'processed')),
    add column lease_until  timestamptz,
    add column claim_token  uuid,
    add column attempts     int         not null default 1,
    add column processed_at timestamptz;
