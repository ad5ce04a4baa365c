-- Event names may be any text of 1-200 characters without control characters (not only
-- dot-notated ASCII), so "Order Completed" and "commande.créée" are names. 200 code points are up
-- to 400 UTF-16 units.
ALTER TABLE event ALTER COLUMN event SET DATA TYPE VARCHAR(400);
ALTER TABLE event_name_stats ALTER COLUMN event SET DATA TYPE VARCHAR(400);
ALTER TABLE metric_definition ALTER COLUMN event SET DATA TYPE VARCHAR(400);
