create table orders (
    id              varchar(36)    not null primary key,
    customer_id     varchar(64)    not null,
    amount          decimal(19, 2) not null,
    currency        char(3)        not null,
    status          varchar(24)    not null,
    idempotency_key varchar(64),
    payment_id      varchar(36),
    created_at      timestamp      not null,
    updated_at      timestamp      not null,
    constraint orders_idempotency_key_uk unique (idempotency_key)
);

create index orders_created_at_ix on orders (created_at, id);

-- The transactional outbox: one row per order whose payment is not settled yet, written in the same transaction
-- as the order, deleted in the same transaction that records the payment's outcome.
create table order_outbox (
    order_id        varchar(36)   not null primary key references orders (id),
    attempts        int           not null,
    next_attempt_at timestamp     not null,
    last_error      varchar(1000)
);

create index order_outbox_next_attempt_at_ix on order_outbox (next_attempt_at);
