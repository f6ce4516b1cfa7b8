-- Alternative airports and a departure window; each check searches the next combination (search_round).
alter table trip_requests
    add column additional_origins      text[] not null default '{}',
    add column additional_destinations text[] not null default '{}',
    add column latest_departure_date   date,
    add column search_round            int    not null default 0;
