-- Small data (issue 9). Raw provider payloads are kept only as long as support needs them (Retention:RawPayloadHours):
-- the retention job nulls them oldest first, so it needs to find the rows that still have one cheaply.
create index ix_offers_raw_retention on offers (last_seen_at) where raw is not null;
create index ix_search_offers_raw_retention on search_offers (seen_at) where raw is not null;
