-- Version 3: an agent's load is counted from the calls themselves.
-- agents.current_call_count was a counter nothing could keep right (a host
-- that crashed mid-call left it high forever); agent_availability now counts
-- the agent's calls that have not ended, through calls_agent_idx.
DROP VIEW agent_availability;
ALTER TABLE agents DROP COLUMN current_call_count;
CREATE INDEX calls_agent_active_idx ON calls (assigned_agent_id) WHERE ended_at IS NULL;
CREATE VIEW agent_availability AS
SELECT a.agent_id, a.name, a.department, a.status, a.skills, a.languages,
       a.max_concurrent_calls, l.current_call_count,
       greatest(a.max_concurrent_calls - l.current_call_count, 0) AS available_slots,
       (a.status = 'available' AND l.current_call_count < a.max_concurrent_calls) AS is_available
  FROM agents a
  CROSS JOIN LATERAL (SELECT count(*)::integer AS current_call_count
                        FROM calls c
                       WHERE c.assigned_agent_id = a.agent_id AND c.ended_at IS NULL) l;
