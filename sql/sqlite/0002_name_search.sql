-- Version 2: a search key for customer names (see sql/postgresql/0002).
ALTER TABLE customers ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN name_key_version INTEGER NOT NULL DEFAULT 0;
CREATE INDEX customers_name_key_idx ON customers (name_key);
