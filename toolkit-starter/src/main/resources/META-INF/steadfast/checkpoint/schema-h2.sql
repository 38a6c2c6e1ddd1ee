-- Steadfast checkpoint store (steadfast.checkpoint.store=jdbc), H2.
CREATE TABLE IF NOT EXISTS steadfast_checkpoint_head (
    name VARCHAR(200) NOT NULL PRIMARY KEY,
    sequence BIGINT NOT NULL,
    token BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS steadfast_checkpoint (
    name VARCHAR(200) NOT NULL,
    sequence BIGINT NOT NULL,
    token BIGINT NOT NULL,
    data VARBINARY(1000000000) NOT NULL,
    quarantined BOOLEAN DEFAULT FALSE NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (name, sequence)
);
