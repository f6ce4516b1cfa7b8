-- The search is the unit of work (DESIGN §6). A search (airports, dates, cabin, connections, passenger mix: ages
-- only, no PII) is keyed by the hash of its canonical form; trips point at the search their next check makes. Each
-- search runs at most once per check window; its offers are stored once, here, not once per trip.

-- Trips with the same airports, window and stays rotate over the same combinations from one anchor, in step.
create table search_rotations (
    rotation_key  text   primary key,
    anchor_window bigint not null
);

create table searches (
    key              text        primary key,
    origin           char(3)     not null,
    destination      char(3)     not null,
    departure_date   date        not null,
    return_date      date,
    cabin            text        not null,
    max_connections  int         not null,
    passenger_mix    text        not null,
    -- The claim of the run that searches now (the sweep's or a search stage's); a lease that ran out can be taken over.
    claim_token      uuid,
    lease_until      timestamptz,
    searched_at      timestamptz,
    offer_request_id text,
    offers_expire_at timestamptz,
    offer_count      int         not null default 0,
    created_at       timestamptz not null
) with (fillfactor = 80);
create index ix_searches_searched on searches (searched_at);

create table search_offers (
    search_key        text          not null references searches (key) on delete cascade,
    provider_offer_id text          not null,
    -- The provider's order (selection breaks ties by it).
    position          int           not null,
    total_amount      numeric(12,2) not null,
    currency          char(3)       not null,
    expires_at        timestamptz   not null,
    max_stops         int           not null,
    -- What selection and booking need (the candidate and the provider's passenger ids).
    offer             jsonb         not null,
    -- The provider's payload for support; dropped by the retention job after Retention:RawPayloadDays.
    raw               jsonb,
    seen_at           timestamptz   not null,
    primary key (search_key, provider_offer_id)
);
create index ix_search_offers_expires on search_offers (expires_at);

-- checks_made: the trip's checks so far, what its cadence spends its search budget against.
alter table trip_requests add column search_key text, add column checks_made int not null default 0;
create index ix_trip_requests_search on trip_requests (search_key) where status = 'watching';

-- Every check rewrites next_check_at: leave room for the new tuple on its page and vacuum dead ones early, and keep
-- the due index's pages part-empty so constant updates split them less.
alter table trip_requests set (fillfactor = 80, autovacuum_vacuum_scale_factor = 0.02);
alter index ix_trip_requests_due set (fillfactor = 70);

-- Offers rows now hold only the offer chosen for a trip (what a booking re-prices and the email shows); their raw
-- payload may be dropped once support no longer needs it.
alter table offers alter column raw drop not null;
create index ix_offers_expires on offers (expires_at);
create index ix_trip_events_occurred on trip_events (occurred_at);
