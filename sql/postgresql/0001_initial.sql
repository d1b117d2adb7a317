-- libcallcenter schema, version 1 (PostgreSQL 15).
-- Applied by `callcenter db migrate` inside one transaction, so a failure
-- leaves the database as it was.  Tables are created in dependency order so
-- every foreign key resolves; identifiers are the application's own readable
-- IDs (CALL_..., TKT_..., CUST_...), never UUID columns they cannot fit.

CREATE TABLE agents (
    agent_id                  text PRIMARY KEY CHECK (length(agent_id) BETWEEN 1 AND 64),
    name                      text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    email                     text CHECK (length(email) <= 254),
    phone                     text CHECK (length(phone) <= 16),
    department                text NOT NULL DEFAULT 'reception' CHECK (length(department) BETWEEN 1 AND 64),
    status                    text NOT NULL DEFAULT 'offline'
                              CHECK (status IN ('available', 'busy', 'away', 'offline')),
    skills                    json NOT NULL DEFAULT '[]',
    languages                 json NOT NULL DEFAULT '[]',
    max_concurrent_calls      integer NOT NULL DEFAULT 1 CHECK (max_concurrent_calls BETWEEN 1 AND 10),
    current_call_count        integer NOT NULL DEFAULT 0 CHECK (current_call_count >= 0),
    total_calls_handled       integer NOT NULL DEFAULT 0 CHECK (total_calls_handled >= 0),
    avg_handling_time_seconds double precision NOT NULL DEFAULT 0,
    created_at                timestamptz NOT NULL,
    updated_at                timestamptz NOT NULL,
    last_active               timestamptz
);
CREATE UNIQUE INDEX agents_email_key ON agents (lower(email)) WHERE email IS NOT NULL;
CREATE INDEX agents_status_department_idx ON agents (status, department);

CREATE TABLE customers (
    customer_id       text PRIMARY KEY CHECK (length(customer_id) BETWEEN 1 AND 64),
    -- E.164; NULL only once the customer has been erased.
    phone             text UNIQUE CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
    name              text NOT NULL DEFAULT '' CHECK (length(name) <= 200),
    email             text CHECK (length(email) <= 254),
    tier              text NOT NULL DEFAULT 'standard'
                      CHECK (tier IN ('standard', 'silver', 'gold', 'platinum')),
    vip               boolean NOT NULL DEFAULT false,
    language          text CHECK (length(language) <= 16),
    company_name      text CHECK (length(company_name) <= 200),
    notes             text CHECK (length(notes) <= 10000),
    total_calls       integer NOT NULL DEFAULT 0 CHECK (total_calls >= 0),
    total_tickets     integer NOT NULL DEFAULT 0 CHECK (total_tickets >= 0),
    last_interaction  timestamptz,
    erased_at         timestamptz,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    CHECK (phone IS NOT NULL OR erased_at IS NOT NULL)
);
-- Not unique: members of one family or company share an address.
CREATE INDEX customers_email_idx ON customers (email);
CREATE INDEX customers_created_at_idx ON customers (created_at);

CREATE TABLE calls (
    call_id                 text PRIMARY KEY CHECK (length(call_id) BETWEEN 1 AND 64),
    customer_id             text REFERENCES customers (customer_id) ON DELETE SET NULL,
    customer_phone          text CHECK (length(customer_phone) <= 16),
    direction               text NOT NULL DEFAULT 'inbound' CHECK (direction IN ('inbound', 'outbound')),
    status                  text NOT NULL DEFAULT 'initiated'
                            CHECK (status IN ('initiated', 'ivr_processing', 'in_queue', 'in_progress',
                                              'transferred', 'completed', 'abandoned', 'failed')),
    -- Stages and departments are configuration data, so no fixed list here.
    ivr_stage               text NOT NULL DEFAULT 'welcome' CHECK (length(ivr_stage) <= 64),
    department              text CHECK (length(department) <= 64),
    service_type            text CHECK (length(service_type) <= 200),
    routing_reason          text CHECK (length(routing_reason) <= 1000),
    outcome                 text CHECK (length(outcome) <= 200),
    language                text CHECK (length(language) <= 16),
    assigned_agent_id       text REFERENCES agents (agent_id) ON DELETE SET NULL,
    transferred_to_agent    boolean NOT NULL DEFAULT false,
    started_at              timestamptz NOT NULL,
    ended_at                timestamptz,
    queue_time_seconds      integer NOT NULL DEFAULT 0 CHECK (queue_time_seconds >= 0),
    talk_time_seconds       integer NOT NULL DEFAULT 0 CHECK (talk_time_seconds >= 0),
    total_duration_seconds  integer NOT NULL DEFAULT 0 CHECK (total_duration_seconds >= 0),
    created_at              timestamptz NOT NULL,
    updated_at              timestamptz NOT NULL,
    CHECK (ended_at IS NULL OR ended_at >= started_at)
);
CREATE INDEX calls_status_idx ON calls (status);
CREATE INDEX calls_department_started_idx ON calls (department, started_at);
CREATE INDEX calls_started_at_idx ON calls (started_at);
CREATE INDEX calls_customer_id_idx ON calls (customer_id);
CREATE INDEX calls_customer_phone_idx ON calls (customer_phone);
CREATE INDEX calls_agent_idx ON calls (assigned_agent_id);

-- One row per turn (not one document per call): appending is an INSERT, and
-- (call_id, seq) makes a retried append a no-op.
CREATE TABLE call_transcripts (
    turn_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    call_id     text NOT NULL REFERENCES calls (call_id) ON DELETE CASCADE,
    seq         integer NOT NULL CHECK (seq > 0),
    speaker     text NOT NULL CHECK (speaker IN ('customer', 'agent', 'bot', 'system')),
    content     text NOT NULL CHECK (length(content) <= 65536),
    language    text CHECK (length(language) <= 16),
    created_at  timestamptz NOT NULL,
    UNIQUE (call_id, seq)
);
CREATE INDEX call_transcripts_created_at_idx ON call_transcripts (created_at);

CREATE TABLE tickets (
    ticket_id         text PRIMARY KEY CHECK (length(ticket_id) BETWEEN 1 AND 64),
    idempotency_key   text UNIQUE CHECK (length(idempotency_key) <= 200),
    call_id           text REFERENCES calls (call_id) ON DELETE SET NULL,
    customer_id       text REFERENCES customers (customer_id) ON DELETE SET NULL,
    customer_name     text CHECK (length(customer_name) <= 200),
    customer_phone    text CHECK (length(customer_phone) <= 16),
    customer_email    text CHECK (length(customer_email) <= 254),
    subject           text NOT NULL CHECK (length(subject) BETWEEN 1 AND 500),
    description       text NOT NULL DEFAULT '' CHECK (length(description) <= 65536),
    department        text NOT NULL DEFAULT 'complaints' CHECK (length(department) BETWEEN 1 AND 64),
    status            text NOT NULL DEFAULT 'open'
                      CHECK (status IN ('open', 'in_progress', 'pending', 'resolved', 'closed')),
    priority          text NOT NULL DEFAULT 'medium'
                      CHECK (priority IN ('low', 'medium', 'high', 'urgent')),
    assigned_to       text REFERENCES agents (agent_id) ON DELETE SET NULL,
    assigned_at       timestamptz,
    notes             text CHECK (length(notes) <= 65536),
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    resolved_at       timestamptz,
    closed_at         timestamptz
);
CREATE INDEX tickets_status_department_idx ON tickets (status, department);
CREATE INDEX tickets_priority_idx ON tickets (priority);
CREATE INDEX tickets_customer_id_idx ON tickets (customer_id);
CREATE INDEX tickets_customer_phone_idx ON tickets (customer_phone);
CREATE INDEX tickets_assigned_to_idx ON tickets (assigned_to);
CREATE INDEX tickets_created_at_idx ON tickets (created_at);
CREATE INDEX tickets_call_id_idx ON tickets (call_id);

-- Every change to a ticket: who (an agent ID, "system" or a session), when,
-- what changed from what to what, and why.  "who" is not a foreign key: it
-- may name the IVR itself, and history must outlive deleted agents.
CREATE TABLE tickets_history (
    history_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id      text NOT NULL REFERENCES tickets (ticket_id) ON DELETE CASCADE,
    action         text NOT NULL
                   CHECK (action IN ('created', 'status', 'priority', 'assigned', 'unassigned', 'note')),
    old_value      text CHECK (length(old_value) <= 65536),
    new_value      text CHECK (length(new_value) <= 65536),
    changed_by     text NOT NULL CHECK (length(changed_by) BETWEEN 1 AND 64),
    change_reason  text CHECK (length(change_reason) <= 2000),
    changed_at     timestamptz NOT NULL
);
CREATE INDEX tickets_history_ticket_idx ON tickets_history (ticket_id, changed_at);

CREATE TABLE call_queue (
    queue_entry_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    call_id            text NOT NULL REFERENCES calls (call_id) ON DELETE CASCADE,
    department         text NOT NULL CHECK (length(department) BETWEEN 1 AND 64),
    position_in_queue  integer NOT NULL DEFAULT 0 CHECK (position_in_queue >= 0),
    entered_queue_at   timestamptz NOT NULL,
    exited_queue_at    timestamptz,
    wait_time_seconds  integer NOT NULL DEFAULT 0 CHECK (wait_time_seconds >= 0),
    status             text NOT NULL DEFAULT 'waiting'
                       CHECK (status IN ('waiting', 'assigned', 'abandoned', 'completed'))
);
-- A call waits in at most one queue at a time.
CREATE UNIQUE INDEX call_queue_waiting_key ON call_queue (call_id) WHERE status = 'waiting';
CREATE INDEX call_queue_department_status_idx ON call_queue (department, status);

CREATE TABLE department_daily_stats (
    stat_date                   date NOT NULL,
    department                  text NOT NULL,
    total_calls                 integer NOT NULL DEFAULT 0,
    completed_calls             integer NOT NULL DEFAULT 0,
    abandoned_calls             integer NOT NULL DEFAULT 0,
    avg_wait_time_seconds       double precision NOT NULL DEFAULT 0,
    avg_handling_time_seconds   double precision NOT NULL DEFAULT 0,
    calls_transferred           integer NOT NULL DEFAULT 0,
    tickets_created             integer NOT NULL DEFAULT 0,
    peak_hour                   integer CHECK (peak_hour BETWEEN 0 AND 23),
    computed_at                 timestamptz NOT NULL,
    PRIMARY KEY (stat_date, department)
);

CREATE TABLE agent_performance (
    agent_id                   text NOT NULL REFERENCES agents (agent_id) ON DELETE CASCADE,
    metric_date                date NOT NULL,
    calls_handled              integer NOT NULL DEFAULT 0,
    avg_call_duration_seconds  double precision NOT NULL DEFAULT 0,
    tickets_resolved           integer NOT NULL DEFAULT 0,
    tickets_assigned           integer NOT NULL DEFAULT 0,
    escalation_rate            double precision NOT NULL DEFAULT 0 CHECK (escalation_rate BETWEEN 0 AND 100),
    computed_at                timestamptz NOT NULL,
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
       greatest(max_concurrent_calls - current_call_count, 0) AS available_slots,
       (status = 'available' AND current_call_count < max_concurrent_calls) AS is_available
  FROM agents;
