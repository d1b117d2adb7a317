-- The rows one complete call writes, as bench_store writes them: the same
-- statements in the same transactions, the multi-statement writes as one
-- pipeline each, so both make 13 round trips per call and pgbench's rate is
-- the ceiling for the same work on the same server.
\set n random(1, 9000000)
\set k random(1, 1000000000000)
\startpipeline
BEGIN;
INSERT INTO customers (customer_id, phone, name, name_key, name_key_version, email, tier, vip, created_at, updated_at) VALUES ('CUST_P' || :k, '+1404' || lpad(:n::text, 7, '0'), '', '', 1, NULL, 'standard', false, now(), now()) ON CONFLICT (phone) DO UPDATE SET updated_at = excluded.updated_at;
INSERT INTO calls (call_id, customer_id, customer_phone, direction, status, ivr_stage, language, started_at, created_at, updated_at) VALUES ('CALL_P' || :k, (SELECT customer_id FROM customers WHERE phone = '+1404' || lpad(:n::text, 7, '0')), '+1404' || lpad(:n::text, 7, '0'), 'inbound', 'initiated', 'welcome', 'ar', now(), now(), now()) ON CONFLICT (call_id) DO NOTHING;
UPDATE customers SET total_calls = (SELECT COUNT(*) FROM calls WHERE calls.customer_id = customers.customer_id), last_interaction = now() WHERE phone = '+1404' || lpad(:n::text, 7, '0');
COMMIT;
\endpipeline
INSERT INTO call_transcripts (call_id, seq, speaker, content, language, created_at) VALUES ('CALL_P' || :k, 1, 'customer', 'عندي مشكلة في الفاتورة هذا الشهر', 'ar', now()) ON CONFLICT (call_id, seq) DO NOTHING;
INSERT INTO call_transcripts (call_id, seq, speaker, content, language, created_at) VALUES ('CALL_P' || :k, 2, 'bot', 'Sorry to hear that; one moment please.', 'ar', now()) ON CONFLICT (call_id, seq) DO NOTHING;
INSERT INTO call_transcripts (call_id, seq, speaker, content, language, created_at) VALUES ('CALL_P' || :k, 3, 'customer', 'عندي مشكلة في الفاتورة هذا الشهر', 'ar', now()) ON CONFLICT (call_id, seq) DO NOTHING;
INSERT INTO call_transcripts (call_id, seq, speaker, content, language, created_at) VALUES ('CALL_P' || :k, 4, 'bot', 'Sorry to hear that; one moment please.', 'ar', now()) ON CONFLICT (call_id, seq) DO NOTHING;
INSERT INTO call_transcripts (call_id, seq, speaker, content, language, created_at) VALUES ('CALL_P' || :k, 5, 'customer', 'عندي مشكلة في الفاتورة هذا الشهر', 'ar', now()) ON CONFLICT (call_id, seq) DO NOTHING;
INSERT INTO call_transcripts (call_id, seq, speaker, content, language, created_at) VALUES ('CALL_P' || :k, 6, 'bot', 'Sorry to hear that; one moment please.', 'ar', now()) ON CONFLICT (call_id, seq) DO NOTHING;
INSERT INTO call_transcripts (call_id, seq, speaker, content, language, created_at) VALUES ('CALL_P' || :k, 7, 'customer', 'عندي مشكلة في الفاتورة هذا الشهر', 'ar', now()) ON CONFLICT (call_id, seq) DO NOTHING;
INSERT INTO call_transcripts (call_id, seq, speaker, content, language, created_at) VALUES ('CALL_P' || :k, 8, 'bot', 'Sorry to hear that; one moment please.', 'ar', now()) ON CONFLICT (call_id, seq) DO NOTHING;
INSERT INTO call_transcripts (call_id, seq, speaker, content, language, created_at) VALUES ('CALL_P' || :k, 9, 'customer', 'عندي مشكلة في الفاتورة هذا الشهر', 'ar', now()) ON CONFLICT (call_id, seq) DO NOTHING;
INSERT INTO call_transcripts (call_id, seq, speaker, content, language, created_at) VALUES ('CALL_P' || :k, 10, 'bot', 'Sorry to hear that; one moment please.', 'ar', now()) ON CONFLICT (call_id, seq) DO NOTHING;
\startpipeline
BEGIN;
INSERT INTO customers (customer_id, phone, name, name_key, name_key_version, email, tier, vip, created_at, updated_at) VALUES ('CUST_Q' || :k, '+1404' || lpad(:n::text, 7, '0'), '', '', 1, NULL, 'standard', false, now(), now()) ON CONFLICT (phone) DO UPDATE SET updated_at = excluded.updated_at;
INSERT INTO tickets (ticket_id, call_id, customer_id, customer_phone, subject, description, department, status, priority, created_at, updated_at) VALUES ('TKT_P' || :k, 'CALL_P' || :k, (SELECT customer_id FROM customers WHERE phone = '+1404' || lpad(:n::text, 7, '0')), '+1404' || lpad(:n::text, 7, '0'), 'Billing complaint', 'Charged twice this month', 'complaints', 'open', 'medium', now(), now()) ON CONFLICT DO NOTHING;
INSERT INTO tickets_history (ticket_id, action, old_value, new_value, changed_by, change_reason, changed_at) SELECT ticket_id, 'created', NULL, status, 'system', NULL, created_at FROM tickets WHERE ticket_id = 'TKT_P' || :k AND NOT EXISTS (SELECT 1 FROM tickets_history h WHERE h.ticket_id = 'TKT_P' || :k AND h.action = 'created');
UPDATE customers SET total_tickets = (SELECT COUNT(*) FROM tickets WHERE tickets.customer_id = customers.customer_id), last_interaction = now() WHERE phone = '+1404' || lpad(:n::text, 7, '0');
COMMIT;
\endpipeline
UPDATE calls SET status = 'completed', outcome = 'ticket', ended_at = COALESCE(ended_at, now()), total_duration_seconds = GREATEST(0, CAST(EXTRACT(EPOCH FROM (COALESCE(ended_at, now()) - started_at)) AS integer)), updated_at = now() WHERE call_id = 'CALL_P' || :k;
