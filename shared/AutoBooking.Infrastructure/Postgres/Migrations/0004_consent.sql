-- Auto-book consent: which terms the traveller accepted, and when. Every trip created from now on has it.
alter table trip_requests
    add column auto_book_consent_terms text,
    add column auto_book_consent_at    timestamptz;
