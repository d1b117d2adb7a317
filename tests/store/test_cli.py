#!/usr/bin/env python3
"""`callcenter db migrate` and `callcenter crm` on a SQLite file: the schema is
applied, records written through SQL are listed and shown as the issue says
(one JSON object per line with the named fields), and a ticket is changed
through the state machine with its history.  Usage: test_cli.py TOOL"""
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import unittest

TOOL = None
NOW = '2024-03-10 09:30:00.000+00:00'


def run(*args, ok=True):
    p = subprocess.run([TOOL] + list(args), capture_output=True, text=True)
    if ok and p.returncode != 0:
        raise AssertionError('%s failed: %s' % (args, p.stderr))
    return p


class CrmCli(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.uri = 'sqlite:' + os.path.join(self.dir.name, 'crm.db')
        out = run('db', 'migrate', '--store', self.uri).stdout
        self.assertIn('schema version 3', out)
        db = sqlite3.connect(os.path.join(self.dir.name, 'crm.db'))
        db.executescript("""
            INSERT INTO customers (customer_id, phone, name, email,
              created_at, updated_at)
            VALUES ('CUST_1', '+966501234567', 'سارة', 'sara@example.com',
              '%(now)s', '%(now)s');
            INSERT INTO agents (agent_id, name, created_at, updated_at)
            VALUES ('ag1', 'Noura', '%(now)s', '%(now)s');
            INSERT INTO calls (call_id, customer_id, customer_phone,
              department, status, started_at, created_at, updated_at)
            VALUES ('CALL_20240310093000_ABC', 'CUST_1', '+966501234567',
              'complaints', 'in_progress', '%(now)s', '%(now)s', '%(now)s');
            INSERT INTO call_transcripts (call_id, seq, speaker, content,
              created_at)
            VALUES ('CALL_20240310093000_ABC', 1, 'customer',
              'عندي شكوى', '%(now)s');
            INSERT INTO tickets (ticket_id, customer_id, customer_phone,
              subject, department, priority, created_at, updated_at)
            VALUES ('TKT_20240310_XYZ', 'CUST_1', '+966501234567',
              'late delivery', 'complaints', 'high', '%(now)s', '%(now)s');
        """ % {'now': NOW})
        db.commit()
        db.close()

    def tearDown(self):
        self.dir.cleanup()

    def lines(self, *args):
        out = run('crm', '--store', self.uri, *args).stdout
        return [json.loads(line) for line in out.splitlines()]

    def test_migrate_is_idempotent(self):
        out = run('db', 'migrate', '--store', self.uri).stdout
        self.assertIn('applied 0 migrations', out)

    def test_lists(self):
        [c] = self.lines('customers', '--json')
        self.assertEqual((c['id'], c['name'], c['phone'], c['email']),
                         ('CUST_1', 'سارة', '+966501234567',
                          'sara@example.com'))
        [call] = self.lines('calls', '--json')
        self.assertEqual((call['id'], call['customer_phone'],
                          call['department'], call['status']),
                         ('CALL_20240310093000_ABC', '+966501234567',
                          'complaints', 'in_progress'))
        [t] = self.lines('tickets', '--json')
        self.assertEqual((t['id'], t['status'], t['priority'],
                          t['department'], t['customer_phone']),
                         ('TKT_20240310_XYZ', 'open', 'high', 'complaints',
                          '+966501234567'))

    def test_show(self):
        [call] = self.lines('show', 'CALL_20240310093000_ABC', '--json')
        self.assertEqual(call['transcript'][0]['text'], 'عندي شكوى')
        [t] = self.lines('show', 'TKT_20240310_XYZ', '--json')
        self.assertEqual(t['history'], [])
        [c] = self.lines('show', '+966 50 123 4567', '--json')
        self.assertEqual(c['id'], 'CUST_1')
        # A customer comes with their history.
        self.assertEqual([x['id'] for x in c['calls']],
                         ['CALL_20240310093000_ABC'])
        self.assertEqual([x['id'] for x in c['tickets']],
                         ['TKT_20240310_XYZ'])
        [c] = self.lines('show', '0501234567', '--json')
        self.assertEqual(c['id'], 'CUST_1')
        p = run('crm', '--store', self.uri, 'show', 'TKT_NOPE', ok=False)
        self.assertEqual(p.returncode, 1)

    def test_ticket_changes(self):
        [t] = self.lines('ticket', 'TKT_20240310_XYZ', '--assign', 'ag1',
                         '--by', 'sup', '--json')
        self.assertEqual((t['assigned_to'], t['status']),
                         ('ag1', 'in_progress'))
        [t] = self.lines('ticket', 'TKT_20240310_XYZ', '--status',
                         'resolved', '--reason', 'refunded', '--json')
        self.assertEqual(t['status'], 'resolved')
        p = run('crm', '--store', self.uri, 'ticket', 'TKT_20240310_XYZ',
                '--status', 'in_progress', ok=False)
        self.assertEqual(p.returncode, 1)
        self.assertIn('CC_ESTATE', p.stderr)
        p = run('crm', '--store', self.uri, 'ticket', 'TKT_20240310_XYZ',
                '--status', "'; DROP TABLE tickets; --", ok=False)
        self.assertIn('CC_EINVAL', p.stderr)
        [t] = self.lines('show', 'TKT_20240310_XYZ', '--json')
        self.assertEqual([(h['action'], h['from'], h['to'], h['by'])
                          for h in t['history']],
                         [('assigned', None, 'ag1', 'sup'),
                          ('status', 'open', 'in_progress', 'sup'),
                          ('status', 'in_progress', 'resolved', 'system')])
        self.assertEqual(t['history'][2]['reason'], 'refunded')

    def test_text_output_and_usage(self):
        out = run('crm', '--store', self.uri, 'tickets').stdout
        self.assertTrue(out.startswith('TKT_20240310_XYZ\topen\thigh'))
        p = run('crm', '--store', self.uri, 'bogus', ok=False)
        self.assertEqual(p.returncode, 2)
        p = run('crm', 'customers', ok=False)
        self.assertEqual(p.returncode, 2)


if __name__ == '__main__':
    TOOL = sys.argv.pop(1)
    unittest.main(verbosity=2)
