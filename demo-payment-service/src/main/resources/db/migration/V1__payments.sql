-- Payments, idempotent by order: the unique constraint decides between concurrent duplicates.
create table payment (
    id          varchar(36)    not null primary key,
    order_id    varchar(36)    not null,
    amount      decimal(19, 2) not null,
    currency    char(3)        not null,
    status      varchar(16)    not null,
    created_at  timestamp      not null,
    instance_id varchar(64)    not null,
    constraint payment_order_id_uk unique (order_id)
);

-- Settlement scans authorized payments by creation time.
create index payment_status_created_at_ix on payment (status, created_at, id);
