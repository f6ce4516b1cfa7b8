-- Erasure under the owner's lock (issue 19). An erasure runs in two transactions around Stripe (cancel the open
-- SetupIntents, detach the cards): the first records the owner here, and while the row is fresh every create of the
-- owner (trip, profile, card, resume) is refused. The second erases and deletes the row with the rest, so no user id
-- stays behind once an erasure has finished.
create table erasures_in_progress (
    owner_id text primary key,
    started_at timestamptz not null
);

-- Stripe customers of erased users: a card that reaches us for one (a SetupIntent that succeeded after the erasure)
-- is detached at once instead of ignored. Only Stripe's id is kept (trips keep it too), never the user's.
create table erased_stripe_customers (
    customer_id text primary key,
    erased_at timestamptz not null
);
