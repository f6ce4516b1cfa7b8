-- Idempotency-Key on creates (POST /api/trips, POST /api/travelers): a retried create with the same key answers what
-- the first one made. The key is claimed in the same transaction as the resource, under the owner's advisory lock, so
-- simultaneous retries make one resource; a failed create (limit reached) rolls its claim back with it.
-- Only a SHA-256 of the request is kept, never the body (it holds PII). Keys live 24 hours.
create table idempotency_keys (
    owner_id text not null,
    operation text not null,
    idempotency_key text not null,
    request_hash bytea not null,
    resource_id uuid not null,
    created_at timestamptz not null,
    primary key (owner_id, operation, idempotency_key)
);

-- Retention deletes expired keys oldest first.
create index ix_idempotency_keys_created_at on idempotency_keys (created_at);
