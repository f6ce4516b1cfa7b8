-- Issue 9, small data. A trip's latest check (what GET /trips/{id} shows as latestSearch) is one row per trip,
-- rewritten in place by every check: the row's only index is its key, which never changes, so the update is HOT and
-- the page keeps room for it (fillfactor). The audit trail (trip_events) gets a search_completed event only when a
-- check's verdict differs from the trip's last one (no offers / none qualifying / qualifying), not on every check;
-- trip_requests.checks_made counts the checks, price_observations keeps each price change.
create table trip_checks (
    trip_id    uuid        primary key references trip_requests (id) on delete cascade,
    -- no_offers | none_qualifying | qualifying
    verdict    text        not null,
    -- What the check saw and why (no PII): offers, qualifying, bestOverall, chosen, why, searched, offerRequestId, shared.
    detail     jsonb       not null,
    checked_at timestamptz not null
) with (fillfactor = 50);

insert into trip_checks (trip_id, verdict, detail, checked_at)
select distinct on (e.trip_id) e.trip_id,
    case when coalesce((e.detail ->> 'offers')::int, 0) = 0 then 'no_offers'
         when coalesce((e.detail ->> 'qualifying')::int, 0) > 0 then 'qualifying'
         else 'none_qualifying' end,
    e.detail - 'checks', e.occurred_at
from trip_events e
where e.kind = 'search_completed' and e.detail is not null
order by e.trip_id, e.id desc;

-- Provider searches made for each distinct search (a shared check is not one).
alter table searches add column search_count int not null default 0;
