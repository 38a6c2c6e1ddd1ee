-- When the writer wrote the batch, taken after its last leadership check: the chaos checker compares it with the
-- end of the writer's term in ZooKeeper's log (a write after that end means a leader acted past its lease).
alter table settlement_batch add column written_at timestamp;
