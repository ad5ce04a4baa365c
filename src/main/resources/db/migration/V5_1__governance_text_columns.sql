-- The governance objects and chain records as VARCHAR, like event envelopes: H2 keeps a CLOB over a
-- few hundred bytes in its separate LOB store, which made every read and write of a decision, grant,
-- contract or record several times slower than the enforce around it (docs/performance.md).
ALTER TABLE gov_contract ALTER COLUMN contract SET DATA TYPE VARCHAR(1000000);
ALTER TABLE gov_grant ALTER COLUMN grant_json SET DATA TYPE VARCHAR(1000000);
ALTER TABLE gov_decision ALTER COLUMN decision SET DATA TYPE VARCHAR(1000000);
ALTER TABLE gov_record ALTER COLUMN record SET DATA TYPE VARCHAR(1000000);
