-- libcallcenter schema, version 1 (SQLite >= 3.40; the same tables as
-- sql/postgresql/0001_initial.sql).  Timestamps are UTC text
-- 'YYYY-MM-DD HH:MM:SS.mmm+00:00' written by the library, so they sort and
-- compare as text; booleans are 0/1; JSON lists are checked with json_valid.

CREATE TABLE agents (
    agent_id                  TEXT PRIMARY KEY CHECK (length(agent_id) BETWEEN 1 AND 64),
    name                      TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    email                     TEXT CHECK (length(email) <= 254),
    phone                     TEXT CHECK (length(phone) <= 16),
    department                TEXT NOT NULL DEFAULT 'reception' CHECK (length(department) BETWEEN 1 AND 64),
    status                    TEXT NOT NULL DEFAULT 'offline'
                              CHECK (status IN ('available', 'busy', 'away', 'offline')),
    skills                    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(skills)),
    languages                 TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(languages)),
    max_concurrent_calls      INTEGER NOT NULL DEFAULT 1 CHECK (max_concurrent_calls BETWEEN 1 AND 10),
    current_call_count        INTEGER NOT NULL DEFAULT 0 CHECK (current_call_count >= 0),
    total_calls_handled       INTEGER NOT NULL DEFAULT 0 CHECK (total_calls_handled >= 0),
    avg_handling_time_seconds REAL NOT NULL DEFAULT 0,
    created_at                TEXT NOT NULL,
    updated_at                TEXT NOT NULL,
    last_active               TEXT
);
CREATE UNIQUE INDEX agents_email_key ON agents (lower(email)) WHERE email IS NOT NULL;
CREATE INDEX agents_status_department_idx ON agents (status, department);

CREATE TABLE customers (
    customer_id       TEXT PRIMARY KEY CHECK (length(customer_id) BETWEEN 1 AND 64),
    -- E.164; NULL only once the customer has been erased.
    phone             TEXT UNIQUE CHECK (phone GLOB '+[1-9]*' AND length(phone) BETWEEN 8 AND 16
                                         AND substr(phone, 2) NOT GLOB '*[^0-9]*'),
    name              TEXT NOT NULL DEFAULT '' CHECK (length(name) <= 200),
    email             TEXT CHECK (length(email) <= 254),
    tier              TEXT NOT NULL DEFAULT 'standard'
                      CHECK (tier IN ('standard', 'silver', 'gold', 'platinum')),
    vip               INTEGER NOT NULL DEFAULT 0 CHECK (vip IN (0, 1)),
    language          TEXT CHECK (length(language) <= 16),
    company_name      TEXT CHECK (length(company_name) <= 200),
    notes             TEXT CHECK (length(notes) <= 10000),
    total_calls       INTEGER NOT NULL DEFAULT 0 CHECK (total_calls >= 0),
    total_tickets     INTEGER NOT NULL DEFAULT 0 CHECK (total_tickets >= 0),
    last_interaction  TEXT,
    erased_at         TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    CHECK (phone IS NOT NULL OR erased_at IS NOT NULL)
);
CREATE INDEX customers_email_idx ON customers (email);
CREATE INDEX customers_created_at_idx ON customers (created_at);

CREATE TABLE calls (
    call_id                 TEXT PRIMARY KEY CHECK (length(call_id) BETWEEN 1 AND 64),
    customer_id             TEXT REFERENCES customers (customer_id) ON DELETE SET NULL,
    customer_phone          TEXT CHECK (length(customer_phone) <= 16),
    direction               TEXT NOT NULL DEFAULT 'inbound' CHECK (direction IN ('inbound', 'outbound')),
    status                  TEXT NOT NULL DEFAULT 'initiated'
                            CHECK (status IN ('initiated', 'ivr_processing', 'in_queue', 'in_progress',
                                              'transferred', 'completed', 'abandoned', 'failed')),
    ivr_stage               TEXT NOT NULL DEFAULT 'welcome' CHECK (length(ivr_stage) <= 64),
    department              TEXT CHECK (length(department) <= 64),
    service_type            TEXT CHECK (length(service_type) <= 200),
    routing_reason          TEXT CHECK (length(routing_reason) <= 1000),
    outcome                 TEXT CHECK (length(outcome) <= 200),
    language                TEXT CHECK (length(language) <= 16),
    assigned_agent_id       TEXT REFERENCES agents (agent_id) ON DELETE SET NULL,
    transferred_to_agent    INTEGER NOT NULL DEFAULT 0 CHECK (transferred_to_agent IN (0, 1)),
    started_at              TEXT NOT NULL,
    ended_at                TEXT,
    queue_time_seconds      INTEGER NOT NULL DEFAULT 0 CHECK (queue_time_seconds >= 0),
    talk_time_seconds       INTEGER NOT NULL DEFAULT 0 CHECK (talk_time_seconds >= 0),
    total_duration_seconds  INTEGER NOT NULL DEFAULT 0 CHECK (total_duration_seconds >= 0),
    created_at              TEXT NOT NULL,
    updated_at              TEXT NOT NULL,
    CHECK (ended_at IS NULL OR ended_at >= started_at)
);
CREATE INDEX calls_status_idx ON calls (status);
CREATE INDEX calls_department_started_idx ON calls (department, started_at);
CREATE INDEX calls_started_at_idx ON calls (started_at);
CREATE INDEX calls_customer_id_idx ON calls (customer_id);
CREATE INDEX calls_customer_phone_idx ON calls (customer_phone);
CREATE INDEX calls_agent_idx ON calls (assigned_agent_id);

CREATE TABLE call_transcripts (
    turn_id     INTEGER PRIMARY KEY,
    call_id     TEXT NOT NULL REFERENCES calls (call_id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL CHECK (seq > 0),
    speaker     TEXT NOT NULL CHECK (speaker IN ('customer', 'agent', 'bot', 'system')),
    content     TEXT NOT NULL CHECK (length(content) <= 65536),
    language    TEXT CHECK (length(language) <= 16),
    created_at  TEXT NOT NULL,
    UNIQUE (call_id, seq)
);
CREATE INDEX call_transcripts_created_at_idx ON call_transcripts (created_at);

CREATE TABLE tickets (
    ticket_id         TEXT PRIMARY KEY CHECK (length(ticket_id) BETWEEN 1 AND 64),
    idempotency_key   TEXT UNIQUE CHECK (length(idempotency_key) <= 200),
    call_id           TEXT REFERENCES calls (call_id) ON DELETE SET NULL,
    customer_id       TEXT REFERENCES customers (customer_id) ON DELETE SET NULL,
    customer_name     TEXT CHECK (length(customer_name) <= 200),
    customer_phone    TEXT CHECK (length(customer_phone) <= 16),
    customer_email    TEXT CHECK (length(customer_email) <= 254),
    subject           TEXT NOT NULL CHECK (length(subject) BETWEEN 1 AND 500),
    description       TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 65536),
    department        TEXT NOT NULL DEFAULT 'complaints' CHECK (length(department) BETWEEN 1 AND 64),
    status            TEXT NOT NULL DEFAULT 'open'
                      CHECK (status IN ('open', 'in_progress', 'pending', 'resolved', 'closed')),
    priority          TEXT NOT NULL DEFAULT 'medium'
                      CHECK (priority IN ('low', 'medium', 'high', 'urgent')),
    assigned_to       TEXT REFERENCES agents (agent_id) ON DELETE SET NULL,
    assigned_at       TEXT,
    notes             TEXT CHECK (length(notes) <= 65536),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    resolved_at       TEXT,
    closed_at         TEXT
);
CREATE INDEX tickets_status_department_idx ON tickets (status, department);
CREATE INDEX tickets_priority_idx ON tickets (priority);
CREATE INDEX tickets_customer_id_idx ON tickets (customer_id);
CREATE INDEX tickets_customer_phone_idx ON tickets (customer_phone);
CREATE INDEX tickets_assigned_to_idx ON tickets (assigned_to);
CREATE INDEX tickets_created_at_idx ON tickets (created_at);
CREATE INDEX tickets_call_id_idx ON tickets (call_id);

CREATE TABLE tickets_history (
    history_id     INTEGER PRIMARY KEY,
    ticket_id      TEXT NOT NULL REFERENCES tickets (ticket_id) ON DELETE CASCADE,
    action         TEXT NOT NULL
                   CHECK (action IN ('created', 'status', 'priority', 'assigned', 'unassigned', 'note')),
    old_value      TEXT CHECK (length(old_value) <= 65536),
    new_value      TEXT CHECK (length(new_value) <= 65536),
    changed_by     TEXT NOT NULL CHECK (length(changed_by) BETWEEN 1 AND 64),
    change_reason  TEXT CHECK (length(change_reason) <= 2000),
    changed_at     TEXT NOT NULL
);
CREATE INDEX tickets_history_ticket_idx ON tickets_history (ticket_id, changed_at);

CREATE TABLE call_queue (
    queue_entry_id     INTEGER PRIMARY KEY,
    call_id            TEXT NOT NULL REFERENCES calls (call_id) ON DELETE CASCADE,
    department         TEXT NOT NULL CHECK (length(department) BETWEEN 1 AND 64),
    position_in_queue  INTEGER NOT NULL DEFAULT 0 CHECK (position_in_queue >= 0),
    entered_queue_at   TEXT NOT NULL,
    exited_queue_at    TEXT,
    wait_time_seconds  INTEGER NOT NULL DEFAULT 0 CHECK (wait_time_seconds >= 0),
    status             TEXT NOT NULL DEFAULT 'waiting'
                       CHECK (status IN ('waiting', 'assigned', 'abandoned', 'completed'))
);
CREATE UNIQUE INDEX call_queue_waiting_key ON call_queue (call_id) WHERE status = 'waiting';
CREATE INDEX call_queue_department_status_idx ON call_queue (department, status);

CREATE TABLE department_daily_stats (
    stat_date                   TEXT NOT NULL CHECK (stat_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    department                  TEXT NOT NULL,
    total_calls                 INTEGER NOT NULL DEFAULT 0,
    completed_calls             INTEGER NOT NULL DEFAULT 0,
    abandoned_calls             INTEGER NOT NULL DEFAULT 0,
    avg_wait_time_seconds       REAL NOT NULL DEFAULT 0,
    avg_handling_time_seconds   REAL NOT NULL DEFAULT 0,
    calls_transferred           INTEGER NOT NULL DEFAULT 0,
    tickets_created             INTEGER NOT NULL DEFAULT 0,
    peak_hour                   INTEGER CHECK (peak_hour BETWEEN 0 AND 23),
    computed_at                 TEXT NOT NULL,
    PRIMARY KEY (stat_date, department)
);

CREATE TABLE agent_performance (
    agent_id                   TEXT NOT NULL REFERENCES agents (agent_id) ON DELETE CASCADE,
    metric_date                TEXT NOT NULL CHECK (metric_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    calls_handled              INTEGER NOT NULL DEFAULT 0,
    avg_call_duration_seconds  REAL NOT NULL DEFAULT 0,
    tickets_resolved           INTEGER NOT NULL DEFAULT 0,
    tickets_assigned           INTEGER NOT NULL DEFAULT 0,
    escalation_rate            REAL NOT NULL DEFAULT 0 CHECK (escalation_rate BETWEEN 0 AND 100),
    computed_at                TEXT NOT NULL,
    PRIMARY KEY (agent_id, metric_date)
);
CREATE INDEX agent_performance_date_idx ON agent_performance (metric_date);

CREATE VIEW active_calls AS
SELECT c.*, a.name AS agent_name
  FROM calls c LEFT JOIN agents a ON a.agent_id = c.assigned_agent_id
 WHERE c.status IN ('initiated', 'ivr_processing', 'in_queue', 'in_progress', 'transferred');

CREATE VIEW open_tickets AS
SELECT t.*, a.name AS agent_name
  FROM tickets t LEFT JOIN agents a ON a.agent_id = t.assigned_to
 WHERE t.status IN ('open', 'in_progress', 'pending');

CREATE VIEW agent_availability AS
SELECT agent_id, name, department, status, skills, languages,
       max_concurrent_calls, current_call_count,
       max(max_concurrent_calls - current_call_count, 0) AS available_slots,
       (status = 'available' AND current_call_count < max_concurrent_calls) AS is_available
  FROM agents;
