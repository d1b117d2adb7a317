-- Version 3: an agent's load is counted from the calls themselves (see
-- sql/postgresql/0003_live_agent_load.sql).
DROP VIEW agent_availability;
ALTER TABLE agents DROP COLUMN current_call_count;
CREATE INDEX calls_agent_active_idx ON calls (assigned_agent_id) WHERE ended_at IS NULL;
CREATE VIEW agent_availability AS
SELECT agent_id, name, department, status, skills, languages,
       max_concurrent_calls, current_call_count,
       max(max_concurrent_calls - current_call_count, 0) AS available_slots,
       (status = 'available' AND current_call_count < max_concurrent_calls) AS is_available
  FROM (SELECT a.*,
               (SELECT count(*) FROM calls c
                 WHERE c.assigned_agent_id = a.agent_id AND c.ended_at IS NULL) AS current_call_count
          FROM agents a);
