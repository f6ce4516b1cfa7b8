-- Issue 20. An offer's terms as Duffel states them (identity documents required and allowed, the day of the last
-- flight, refund and change conditions, payment requirements, carry-on bags): the booking decides from them which
-- documents the order carries, and the trip's latest check, the booking and the confirmation show them. Null for
-- offers recorded before: read as "no documents, conditions unknown, pay now".
alter table offers add column terms jsonb;

-- The fare conditions a trip requires (refundable and/or changeable, optionally with a maximum penalty in the trip's
-- currency): {"refundable": {"maxPenalty": 0}, "changeable": {}}; null when it requires none.
alter table trip_requests add column fare_requirements jsonb;
