-- Traveler profiles (a user's passengers). Everything personal is in `protected`: AES-GCM ciphertext made by
-- the application, prefixed with its key version so keys can rotate.
create table travelers (
    id          uuid primary key,
    owner_id    text        not null,
    protected   text        not null,
    key_version text        not null,
    version     int         not null default 1,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);
create index ix_travelers_owner on travelers (owner_id, id);
