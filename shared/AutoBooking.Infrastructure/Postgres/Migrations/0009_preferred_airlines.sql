-- Preferred airlines: not a filter, a preference in the offer ranking (a preferred-airline offer may cost up to 5% more and win).
alter table trip_requests
    add column preferred_airlines text[] not null default '{}';
