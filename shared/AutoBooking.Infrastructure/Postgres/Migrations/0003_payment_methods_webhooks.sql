-- Saved cards: only Stripe's ids and what a card list shows (brand, last4, expiry). No card data, ever.
create table stripe_customers (
    owner_id    text primary key,
    customer_id text        not null unique,
    created_at  timestamptz not null default now()
);

create table payment_methods (
    id                       uuid primary key,
    owner_id                 text        not null,
    stripe_payment_method_id text        not null unique,
    brand                    text        not null,
    last4                    char(4)     not null,
    exp_month                int         not null check (exp_month between 1 and 12),
    exp_year                 int         not null,
    created_at               timestamptz not null default now()
);
create index ix_payment_methods_owner on payment_methods (owner_id, id);

-- Provider webhook events already handled: providers deliver at least once.
create table webhook_events (
    provider    text        not null,
    event_id    text        not null,
    event_type  text        not null,
    received_at timestamptz not null,
    primary key (provider, event_id)
);
