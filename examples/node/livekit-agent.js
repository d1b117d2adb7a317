#!/usr/bin/env node
'use strict';
// Where a LiveKit Agents (Node, @livekit/agents 1.x) host calls
// libcallcenter, runnable without LiveKit.  In a real worker:
//
//   class CallCenterAgent extends voice.Agent {
//     async onEnter() { await this.brain.start(); }
//     async onUserTurnCompleted(chatCtx, newMessage) {
//       await this.brain.callerTurn(newMessage.textContent, ...);
//       throw new voice.StopResponse();      // the IVR answered, not the LLM
//     }
//   }
//   export default defineAgent({ entry: async (ctx) => { ... load the
//     library here, in the job process ... } });
//
// The library does the call-center work (what to say, routing, tickets, CRM
// records); the host keeps the voice work (STT, TTS, room, SIP transfer).
// FakeHost stands in for AgentSession and the room.
const path = require('node:path');
const cc = require(path.join(__dirname, '..', '..', 'bindings', 'node'));

class CallCenterBrain {
  // host: async say(text, language, allowInterruptions),
  // async transfer(target, priority) -> bool, async hangUp(reason), log(msg).
  constructor(engine, crm, host, { callerNumber = null, wallClockMs = 0 } = {}) {
    this.host = host;
    this.crm = crm;
    // The session is sans-I/O and fast; the CRM writes its recorder makes
    // run inside session calls.  With SQLite/PostgreSQL under load, move
    // them to crm.*Async calls from a queue instead.
    this.session = new cc.Session(engine, {
      callerNumber, region: 'SA', wallClockMs, recorder: crm.recorder(),
    });
  }

  async start() { this.session.start(); await this.carryOut(); }

  async callerTurn(text, { confidence = null, language = null } = {}) {
    this.session.inputText(text, { confidence, language });
    await this.carryOut();
  }

  async carryOut() {
    for (const a of this.session.drain()) {
      if (a.type === 'say') {
        await this.host.say(a.text, a.language, a.bargeIn);
      } else if (a.type === 'route') {
        this.host.log(`routed to ${a.department} (${a.confidence.toFixed(2)})`);
      } else if (a.type === 'ticket') {
        const t = await this.crm.ticketAsync(a.ticketId);   // worker thread
        this.host.log(`ticket ${t.id} opened: ${t.subject}, priority ${t.priority}, status ${t.status}`);
      } else if (a.type === 'transfer' || a.type === 'enqueue') {
        const target = a.type === 'transfer' ? a.target : a.department;
        const ok = await this.host.transfer(target, a.priority);
        this.session.notify(ok ? cc.Notice.AGENT_ANSWERED : cc.Notice.TRANSFER_FAILED, target);
      } else if (a.type === 'hangup') {
        await this.host.hangUp(a.reason);
      }
    }
  }

  get done() { return this.session.ended; }
  close() { this.session.close(); }
}

class FakeHost {
  constructor() { this.transfers = []; }
  async say(text, language) { console.log(`agent (${language}, tts): ${text}`); }
  async transfer(target, priority) {
    // Real host: SIP REFER through the room service, or a warm handoff.
    console.log(`host: transferring the caller to the ${target} queue (priority ${priority})`);
    this.transfers.push(target);
    return true;
  }
  async hangUp(reason) { console.log(`host: hanging up (${reason})`); }
  log(msg) { console.log(`host: ${msg}`); }
}

const SCRIPT = [ // what the STT would hand over
  ['أحمد محمد', 0.93, 'ar'],
  ['صفر خمسة خمسة تسعة ثمانية سبعة ستة خمسة أربعة ثلاثة', 0.88, 'ar'],
  ['ahmed@example.com', 0.9, 'en'],
  ['عندي شكوى، الخدمة سيئة جدا', 0.91, 'ar'],
  ['نعم', 0.97, 'ar'],
  ['الفاتورة جاتني مرتين والانترنت مقطوع من يومين', 0.9, 'ar'],
];

async function main() {
  const i = process.argv.indexOf('--at');
  const wallClockMs = i > 0 ? Date.parse(process.argv[i + 1]) : 0;
  const engine = new cc.Engine();
  const store = await cc.Store.open('memory:');
  const crm = new cc.CRM(store, { defaultRegion: 'SA' });
  const brain = new CallCenterBrain(engine, crm, new FakeHost(), { callerNumber: '+966559876543', wallClockMs });
  await brain.start();
  for (const [text, confidence, language] of SCRIPT) {
    if (brain.done) break;
    console.log(`caller (stt ${confidence.toFixed(2)}): ${text}`);
    await brain.callerTurn(text, { confidence, language });
  }
  const call = await crm.callAsync(brain.session.callId);
  console.log(`crm: call ${call.id} status ${call.status}, department ${call.department}, outcome ${call.outcome}`);
  console.log(`crm: ${(await crm.transcriptAsync(call.id)).length} transcript turns`);
  const customer = await crm.customerAsync(call.customerPhone);
  console.log(`crm: customer ${cc.maskName(customer.name)}, ${cc.maskPhone(customer.phone)}`);
  brain.close();
  crm.close();
  store.close();
  engine.close();
}

main().catch((e) => { console.error(e); process.exit(1); });
