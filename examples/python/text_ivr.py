#!/usr/bin/env python3
"""A text IVR bot: the call center's IVR on a terminal.

Type what a caller would say (or "#123" for keys, "." for silence); the
bot answers with the IVR's prompts, routes the call, opens tickets and
writes everything to a CRM.  Lines may also come from a pipe or a file:

    printf 'أحمد محمد\\n0559876543\\n...' | python3 examples/python/text_ivr.py
    python3 examples/python/text_ivr.py --db sqlite:/tmp/crm.db --lang en

Needs the library (CALLCENTER_LIBRARY, the build tree, or the system) and
the callcenter package (pip install ./bindings/python, or PYTHONPATH).
"""
import argparse
import datetime
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                '..', '..', 'bindings', 'python'))
import callcenter as cc  # noqa: E402


def show(action):
    """Prints one action the way a caller or an operator would see it."""
    if isinstance(action, cc.Say):
        print('bot: ' + action.text)
    elif isinstance(action, cc.Route):
        print('  [routed to %s, confidence %.2f]' % (action.department, action.confidence))
    elif isinstance(action, cc.Ticket):
        print('  [ticket %s: %s, priority %s]' % (action.ticket_id, action.kind, action.priority))
    elif isinstance(action, cc.Enqueue):
        print('  [queued for %s, priority %s]' % (action.department, action.priority))
    elif isinstance(action, cc.Transfer):
        print('  [transfer to %s now, priority %s]' % (action.target, action.priority))
    elif isinstance(action, cc.Hangup):
        print('  [call ended: %s]' % action.reason)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--db', default='memory:', help='CRM store URI (memory:, sqlite:PATH)')
    ap.add_argument('--lang', choices=['ar', 'en'], help='language the call starts in')
    ap.add_argument('--region', default='SA', help='region for phone numbers')
    ap.add_argument('--config', help='engine configuration JSON file')
    ap.add_argument('--at', help='pretend the call starts at this ISO time '
                    '(e.g. 2026-11-22T10:00+03:00), for business hours')
    args = ap.parse_args()
    wall_ms = 0
    if args.at:
        wall_ms = int(datetime.datetime.fromisoformat(args.at).timestamp() * 1000)

    engine = cc.Engine.from_file(args.config) if args.config else cc.Engine()
    with engine, cc.Store(args.db) as store, \
            cc.CRM(store, default_region=args.region) as crm, \
            cc.Session(engine, language=args.lang, region=args.region,
                       wall_clock_ms=wall_ms, recorder=crm.recorder()) as call:
        call.start()
        for action in call:
            show(action)
        interactive = sys.stdin.isatty()
        while not call.ended:
            if interactive:
                print('you> ', end='', flush=True)
            line = sys.stdin.readline()
            if not line:
                call.notify(cc.Notice.CALLER_HUNG_UP)
                break
            line = line.strip()
            if not interactive:
                print('caller: ' + line)
            try:
                if line == '.':
                    call.input_silence()
                elif line.startswith('#'):
                    call.input_dtmf(line[1:] + '#')
                else:
                    call.input_text(line)
            except cc.CallCenterError as e:
                print('  [%s]' % e)
                continue
            handed_over = False
            for action in call:
                show(action)
                handed_over |= isinstance(action, (cc.Transfer, cc.Enqueue))
            if handed_over:
                # A voice host would bridge the caller to an agent here; a
                # terminal has none, so the agent "answers" at once.
                print('  [an agent takes the call]')
                call.notify(cc.Notice.AGENT_ANSWERED, 'text bot')
                for action in call:
                    show(action)
        s = call.summary()
        print('summary: call %s, department %s, ticket %s, outcome %s'
              % (s['call_id'], s['department'], s['ticket'], s['outcome']))
        if s['ticket']:
            t = crm.ticket(s['ticket'])
            print('crm: ticket %s is %s, priority %s, for %s'
                  % (t.id, t.status, t.priority, cc.mask_phone(t.customer_phone or '')))
        print('crm: %d transcript turns stored' % len(crm.transcript(call.call_id)))


if __name__ == '__main__':
    main()
