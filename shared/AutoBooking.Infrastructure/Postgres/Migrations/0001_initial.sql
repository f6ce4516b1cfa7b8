-- The walking skeleton's schema. Money is numeric(12,2)-plus-currency; times are timestamptz (UTC).
-- Double bookings are impossible by construction: one active attempt per trip (partial unique index),
-- one booking per trip, one booking per provider order.

create table trip_requests (
    id                       uuid primary key,
    owner_id                 text        not null,
    status                   text        not null check (status in
                               ('draft','watching','paused','booking','booked','cancelled','expired','failed')),
    origin                   char(3)     not null,
    destination              char(3)     not null,
    departure_date           date        not null,
    cabin                    text        not null default 'economy',
    max_connections          int         not null default 1 check (max_connections between 0 and 3),
    max_total_amount         numeric(12,2) not null check (max_total_amount > 0),
    currency                 char(3)     not null,
    -- Traveler PII: AES-GCM ciphertext produced by the application; never stored in clear.
    traveler_protected       text        not null,
    stripe_customer_id       text        not null,
    stripe_payment_method_id text        not null,
    next_check_at            timestamptz,
    version                  int         not null default 1,
    created_at               timestamptz not null default now(),
    updated_at               timestamptz not null default now()
);
create index ix_trip_requests_owner on trip_requests (owner_id, created_at desc);
-- The monitor sweep claims due watching trips in next_check_at order.
create index ix_trip_requests_due on trip_requests (next_check_at) where status = 'watching';

create table offers (
    id                uuid primary key,
    trip_id           uuid        not null references trip_requests (id) on delete cascade,
    provider_offer_id text        not null,
    total_amount      numeric(12,2) not null,
    currency          char(3)     not null,
    expires_at        timestamptz not null,
    max_stops         int         not null,
    duration_minutes  int         not null,
    carriers          text[]      not null,
    passenger_ids     text[]      not null,
    raw               jsonb       not null,
    first_seen_at     timestamptz not null default now(),
    last_seen_at      timestamptz not null default now(),
    unique (trip_id, provider_offer_id)
);

create table price_observations (
    id                     bigserial primary key,
    trip_id                uuid        not null references trip_requests (id) on delete cascade,
    observed_at            timestamptz not null default now(),
    best_qualifying_amount numeric(12,2),
    best_overall_amount    numeric(12,2),
    currency               char(3)     not null,
    offer_count            int         not null
);
create index ix_price_observations_trip on price_observations (trip_id, observed_at);

create table booking_attempts (
    id                uuid primary key,
    trip_id           uuid        not null references trip_requests (id),
    attempt_no        int         not null,
    offer_id          uuid        not null references offers (id),
    instance_id       text        not null unique,
    status            text        not null check (status in
                        ('started','authorized','ordered','captured','succeeded','failed','needs_attention')),
    amount            numeric(12,2) not null,
    currency          char(3)     not null,
    payment_intent_id text,
    provider_order_id text,
    failure_code      text,
    correlation_id    text        not null,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    unique (trip_id, attempt_no)
);
-- At most one attempt in flight per trip.
create unique index ux_booking_attempts_active on booking_attempts (trip_id)
    where status in ('started','authorized','ordered','captured');

create table bookings (
    id                uuid primary key,
    trip_id           uuid        not null unique references trip_requests (id),
    attempt_id        uuid        not null unique references booking_attempts (id),
    provider_order_id text        not null unique,
    booking_reference text        not null,
    ticket_numbers    text[]      not null,
    amount            numeric(12,2) not null,
    currency          char(3)     not null,
    status            text        not null check (status in ('confirmed','changed','cancelled','refunded')),
    created_at        timestamptz not null default now()
);

-- Append-only audit trail: transitions and milestones, no PII.
create table trip_events (
    id             bigserial primary key,
    trip_id        uuid        not null references trip_requests (id),
    kind           text        not null,
    from_status    text,
    to_status      text,
    detail         jsonb,
    correlation_id text,
    actor          text        not null,
    occurred_at    timestamptz not null default now()
);
create index ix_trip_events_trip on trip_events (trip_id, id);
