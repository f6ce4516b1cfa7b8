-- Approval mode: the traveller approves each purchase before any money is held.
alter table trip_requests add column approval_required boolean not null default false;
