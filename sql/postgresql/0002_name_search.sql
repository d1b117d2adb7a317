-- Version 2: a search key for customer names, so Arabic and Latin spellings
-- of one name find each other.  The key is made by the library's text layer
-- (folded letters, one script), never by SQL; rows written before this
-- version get theirs when the CRM next opens the store.
ALTER TABLE customers ADD COLUMN name_key text NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN name_key_version integer NOT NULL DEFAULT 0;
CREATE INDEX customers_name_key_idx ON customers (name_key text_pattern_ops);
