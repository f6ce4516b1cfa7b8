-- Traveller emails go through an outbox: a row written in the same transaction as the state change that causes the
-- email (attempt ended, flagged, booked, waiting for the traveller; booking changed by the airline), delivered by the
-- outbox sender, retried with backoff until Resend accepts it. Only ids and the kind are stored: the email is
-- rendered at send time from the encrypted traveller data, so this table holds no PII.
create table outbox_messages (
    id                  uuid        primary key,
    kind                text        not null check (kind in
                            ('booking_confirmed','booking_failed','attempt_under_review','payment_action_required','schedule_change')),
    -- One row per event: <kind>/<attempt id>, or schedule_change/<provider event id>. A replayed state change or a
    -- redelivered webhook finds its row and adds none. It is also the email's Resend idempotency key.
    dedupe_key          text        not null unique,
    trip_id             uuid        not null references trip_requests (id),
    attempt_id          uuid        references booking_attempts (id),
    booking_id          uuid        references bookings (id),
    provider_event_id   text,
    status              text        not null default 'pending' check (status in ('pending','sent','dead','skipped')),
    send_count          int         not null default 0,
    next_attempt_at     timestamptz not null,
    -- A sender's claim: no other sender takes the row until the lease runs out (a crashed sender's row comes back).
    lease_until         timestamptz,
    lease_token         uuid,
    -- An error code (http_503, TimeoutRejectedException, order_not_found), never a message or an address.
    last_error          text,
    provider_message_id text,
    alerted_at          timestamptz,
    created_at          timestamptz not null,
    sent_at             timestamptz
);
create index ix_outbox_messages_due on outbox_messages (next_attempt_at) where status = 'pending';
create index ix_outbox_messages_pending_attempt on outbox_messages (attempt_id) where status = 'pending';
