-- Data rights and retention: a trip's traveler PII can be removed (erasure on request, or retention after the
-- last flight) while the trip's financial records (attempts, bookings, amounts, provider ids) stay.
alter table trip_requests
    alter column traveler_protected drop not null,
    add column pii_erased_at timestamptz;

-- Retention finds finished trips whose last possible flight day is long past and whose PII is still there.
create index ix_trip_requests_pii_retention
    on trip_requests ((coalesce(latest_departure_date, departure_date) + coalesce(return_max_nights, 0)))
    where pii_erased_at is null and status in ('booked', 'cancelled', 'expired', 'failed');

-- Retention deletes offers expired long ago (oldest first).
create index ix_offers_expires_at on offers (expires_at);
