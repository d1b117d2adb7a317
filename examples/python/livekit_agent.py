#!/usr/bin/env python3
"""Where a LiveKit Agents host calls libcallcenter, runnable without LiveKit.

In a real worker the pieces map one to one onto livekit-agents 1.x:

    class CallCenterAgent(Agent):                  # livekit.agents.Agent
        async def on_enter(self):
            await self.brain.start()               # greeting + first question
        async def on_user_turn_completed(self, turn_ctx, new_message):
            await self.brain.caller_turn(new_message.text_content, ...)
            raise StopResponse()                   # the IVR answered, not the LLM

    @server.rtc_session(agent_name="callcenter")
    async def entrypoint(ctx: JobContext):
        engine = callcenter.Engine()               # load inside the job process
        ...
        await session.start(agent=CallCenterAgent(brain), room=ctx.room)

The library does the call-center work (what to say next, routing, tickets,
CRM records); the host keeps the voice work (STT, TTS, the room, the SIP
transfer).  FakeHost below stands in for AgentSession and the room: it
"speaks" by printing, and plays a scripted caller.
"""
import argparse
import asyncio
import datetime
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                '..', '..', 'bindings', 'python'))
import callcenter as cc  # noqa: E402


class CallCenterBrain:
    """The glue a voice agent keeps per call: caller turns in, host calls out.

    host needs: async say(text, language, allow_interruptions),
    async transfer(target, priority) -> bool, async hang_up(reason), log(msg).
    """

    def __init__(self, engine, crm, host, caller_number=None, wall_clock_ms=0):
        self.host = host
        self.crm = crm
        # The recorder writes the call, transcript, customer and ticket into
        # the CRM from inside the session calls, which run in a worker
        # thread below, so the database never blocks the event loop.
        self.session = cc.Session(engine, caller_number=caller_number, region='SA',
                                  wall_clock_ms=wall_clock_ms, recorder=crm.recorder())

    async def start(self):
        """on_enter: the greeting and the first question."""
        await asyncio.to_thread(self.session.start)
        await self._carry_out()

    async def caller_turn(self, text, confidence=None, language=None):
        """on_user_turn_completed: the final transcript of the caller's turn."""
        await asyncio.to_thread(self.session.input_text, text,
                                confidence=confidence, language=language)
        await self._carry_out()

    async def _carry_out(self):
        for action in self.session:
            if isinstance(action, cc.Say):
                await self.host.say(action.text, action.language, action.barge_in)
            elif isinstance(action, cc.Route):
                self.host.log('routed to %s (%.2f)' % (action.department, action.confidence))
            elif isinstance(action, cc.Ticket):
                # Already in the CRM (the recorder made it); show the agent desk.
                t = await self.crm.aio.ticket(action.ticket_id)
                self.host.log('ticket %s opened: %s, priority %s, status %s'
                              % (t.id, t.subject, t.priority, t.status))
            elif isinstance(action, (cc.Transfer, cc.Enqueue)):
                target = action.target if isinstance(action, cc.Transfer) else action.department
                ok = await self.host.transfer(target, str(action.priority))
                notice = cc.Notice.AGENT_ANSWERED if ok else cc.Notice.TRANSFER_FAILED
                await asyncio.to_thread(self.session.notify, notice, target)
            elif isinstance(action, cc.Hangup):
                await self.host.hang_up(action.reason)

    @property
    def done(self):
        return self.session.ended

    def close(self):
        self.session.close()


class FakeHost:
    """Stands in for AgentSession + the room: prints what it would do."""

    def __init__(self):
        self.transfers = []

    async def say(self, text, language, allow_interruptions):
        print('agent (%s, tts): %s' % (language, text))

    async def transfer(self, target, priority):
        # Real host: SIP REFER through the room service, or a warm handoff.
        print('host: transferring the caller to the %s queue (priority %s)' % (target, priority))
        self.transfers.append(target)
        return True

    async def hang_up(self, reason):
        print('host: hanging up (%s)' % reason)

    def log(self, msg):
        print('host: ' + msg)


SCRIPT = [  # what the STT would hand over: (text, confidence, language)
    ('أحمد محمد', 0.93, 'ar'),
    ('صفر خمسة خمسة تسعة ثمانية سبعة ستة خمسة أربعة ثلاثة', 0.88, 'ar'),
    ('ahmed@example.com', 0.9, 'en'),
    ('عندي شكوى، الخدمة سيئة جدا', 0.91, 'ar'),
    ('نعم', 0.97, 'ar'),
    ('الفاتورة جاتني مرتين والانترنت مقطوع من يومين', 0.9, 'ar'),
]


async def run(args):
    wall_ms = 0
    if args.at:
        wall_ms = int(datetime.datetime.fromisoformat(args.at).timestamp() * 1000)
    with cc.Engine() as engine, cc.Store(args.db) as store, \
            cc.CRM(store, default_region='SA') as crm:
        host = FakeHost()
        brain = CallCenterBrain(engine, crm, host, caller_number='+966559876543',
                                wall_clock_ms=wall_ms)
        await brain.start()
        for text, conf, lang in SCRIPT:
            if brain.done:
                break
            print('caller (stt %.2f): %s' % (conf, text))
            await brain.caller_turn(text, confidence=conf, language=lang)
        call = await crm.aio.call(brain.session.call_id)
        print('crm: call %s status %s, department %s, outcome %s'
              % (call.id, call.status, call.department, call.outcome))
        print('crm: %d transcript turns' % len(await crm.aio.transcript(call.id)))
        customer = await crm.aio.customer(call.customer_phone)
        print('crm: customer %s, %s' % (cc.mask_name(customer.name), cc.mask_phone(customer.phone)))
        brain.close()


def main():
    ap = argparse.ArgumentParser(description='libcallcenter inside a voice agent (fake host)')
    ap.add_argument('--db', default='memory:', help='CRM store URI')
    ap.add_argument('--at', help='pretend the call starts at this ISO time')
    asyncio.run(run(ap.parse_args()))


if __name__ == '__main__':
    main()
