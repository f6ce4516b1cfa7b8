-- The reconciler settles attempts the saga could not (or never got to) settle. A pass claims an attempt by setting
-- reconcile_lease_until (a conditional UPDATE ... FOR UPDATE SKIP LOCKED), so several instances never work on the
-- same attempt at once; hold_escalated_at makes the "hold is getting old" alert fire once per attempt.
alter table booking_attempts add column reconcile_lease_until timestamptz;
alter table booking_attempts add column reconciled_at timestamptz;
alter table booking_attempts add column reconcile_passes int not null default 0;
alter table booking_attempts add column hold_escalated_at timestamptz;

-- Only the attempts a reconciler pass can be interested in: in flight, or waiting for an operator.
create index ix_booking_attempts_unsettled on booking_attempts (updated_at)
    where status in ('started','awaiting_authentication','authorized','ordered','captured','needs_attention');
