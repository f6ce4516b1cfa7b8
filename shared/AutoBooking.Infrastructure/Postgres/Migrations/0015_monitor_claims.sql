-- The monitor's claim of a trip carries a token. The sweep sets a fresh one with the lease (next_check_at pushed
-- past it); the search stage swaps it for its own run token before it searches and clears it when it records the
-- check. A queued message from an older claim (lost, slow or redelivered) no longer matches and is skipped, so a
-- lease that expired and was claimed again never yields two searches for one check.
alter table trip_requests add column claim_token uuid;
