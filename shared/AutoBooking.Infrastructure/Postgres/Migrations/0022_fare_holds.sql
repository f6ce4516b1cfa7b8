-- Issue 20, approval mode holds the fare. Before asking the traveller, the saga may hold the chosen offer with a Duffel
-- hold order (nothing paid). fare_hold_requested_at is written before the hold is posted, so the reconciler knows an
-- order may exist even when no payment was authorized yet (an unknown outcome is looked up by the attempt's metadata);
-- provider_order_id then names the hold. hold_payment_required_by: pay by then or the seats are released;
-- hold_price_guaranteed_until: the price is guaranteed until then (null: no guarantee). hold_paid_at: the hold was paid
-- through Duffel's Payments API (tickets issued).
alter table booking_attempts
    add column fare_hold_requested_at timestamptz,
    add column hold_payment_required_by timestamptz,
    add column hold_price_guaranteed_until timestamptz,
    add column hold_paid_at timestamptz;

-- The approval email: a qualifying fare waits for the traveller's answer (with the hold's deadline when it is held).
alter table outbox_messages drop constraint outbox_messages_kind_check;
alter table outbox_messages add constraint outbox_messages_kind_check check (kind in
    ('booking_confirmed','booking_failed','attempt_under_review','payment_action_required','schedule_change','approval_requested'));
