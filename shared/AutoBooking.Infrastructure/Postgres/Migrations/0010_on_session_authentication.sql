-- On-session authentication: an attempt whose card needs 3-D Secure waits (still in flight, still the trip's one
-- active attempt) for the traveller to confirm the payment until respond_by.
alter table booking_attempts drop constraint booking_attempts_status_check;
alter table booking_attempts add constraint booking_attempts_status_check check (status in
    ('started','awaiting_authentication','authorized','ordered','captured','succeeded','failed','needs_attention'));
alter table booking_attempts add column respond_by timestamptz;

drop index ux_booking_attempts_active;
create unique index ux_booking_attempts_active on booking_attempts (trip_id)
    where status in ('started','awaiting_authentication','authorized','ordered','captured');
