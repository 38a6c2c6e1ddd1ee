create table settlement_batch (
    batch_number  bigint       not null primary key,
    fencing_token bigint       not null,
    leader_id     varchar(128) not null,
    payment_count int          not null,
    created_at    timestamp    not null
);

create table settlement_batch_total (
    batch_number  bigint         not null references settlement_batch (batch_number),
    currency      char(3)        not null,
    total         decimal(19, 2) not null,
    payment_count int            not null,
    primary key (batch_number, currency)
);

-- Deliberately no unique constraint on payment_id alone: the chaos checker, not the schema, proves that every
-- payment is settled exactly once.
create table settlement_item (
    batch_number bigint      not null references settlement_batch (batch_number),
    payment_id   varchar(36) not null,
    primary key (batch_number, payment_id)
);

create index settlement_item_payment_id_ix on settlement_item (payment_id);

-- The database half of fencing: a batch is written only while the writer's token is the highest seen.
create table settlement_fence (
    id            int          not null primary key,
    fencing_token bigint       not null,
    leader_id     varchar(128),
    updated_at    timestamp
);

insert into settlement_fence (id, fencing_token) values (1, 0);
