-- Several travelers (the lead traveler plus companions, encrypted like the lead) and return trips (stay length range).
alter table trip_requests
    add column companions_protected text,
    add column return_min_nights    int,
    add column return_max_nights    int,
    add constraint return_stay_range check (
        (return_min_nights is null and return_max_nights is null)
        or (return_min_nights between 1 and 60 and return_max_nights between return_min_nights and 60));

-- Each offer's passenger types (adult, child, infant_without_seat), in the order of its passenger ids: which
-- passenger is an infant on whose lap is decided from these when the order is made.
alter table offers
    add column passenger_types text[] not null default '{}';
