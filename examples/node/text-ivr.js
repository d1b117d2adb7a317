#!/usr/bin/env node
'use strict';
// A text IVR bot: the call center's IVR on a terminal.  Type what a caller
// would say ("#123" for keys, "." for silence); lines may also be piped in:
//
//   printf 'Sara Ali\n...' | node examples/node/text-ivr.js --lang en
//
// Options: --db URI (memory:, sqlite:PATH), --lang ar|en, --region SA,
// --at ISO-time (pretend the call starts then, for business hours).
const path = require('node:path');
const readline = require('node:readline');
const cc = require(path.join(__dirname, '..', '..', 'bindings', 'node'));

function option(name, fallback = null) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

function show(a) {
  switch (a.type) {
    case 'say': console.log(`bot: ${a.text}`); break;
    case 'route': console.log(`  [routed to ${a.department}, confidence ${a.confidence.toFixed(2)}]`); break;
    case 'ticket': console.log(`  [ticket ${a.ticketId}: ${a.kind}, priority ${a.priority}]`); break;
    case 'enqueue': console.log(`  [queued for ${a.department}, priority ${a.priority}]`); break;
    case 'transfer': console.log(`  [transfer to ${a.target} now, priority ${a.priority}]`); break;
    case 'hangup': console.log(`  [call ended: ${a.reason}]`); break;
    default: break;
  }
}

async function main() {
  const at = option('at');
  const region = option('region', 'SA');
  const engine = new cc.Engine();
  const store = new cc.Store(option('db', 'memory:'));
  const crm = new cc.CRM(store, { defaultRegion: region });
  const call = new cc.Session(engine, {
    language: option('lang'), region, wallClockMs: at ? Date.parse(at) : 0, recorder: crm.recorder(),
  });
  const interactive = process.stdin.isTTY;
  const lines = readline.createInterface({ input: process.stdin, terminal: false });
  const next = lines[Symbol.asyncIterator]();

  call.start();
  for (const a of call) show(a);
  while (!call.ended) {
    if (interactive) process.stdout.write('you> ');
    const { value, done } = await next.next();
    if (done) { call.notify(cc.Notice.CALLER_HUNG_UP); break; }
    const line = value.trim();
    if (!interactive) console.log(`caller: ${line}`);
    try {
      if (line === '.') call.inputSilence();
      else if (line.startsWith('#')) call.inputDtmf(`${line.slice(1)}#`);
      else call.inputText(line);
    } catch (e) {
      if (!(e instanceof cc.CallCenterError)) throw e;
      console.log(`  [${e.message}]`);
      continue;
    }
    let handedOver = false;
    for (const a of call) {
      show(a);
      handedOver = handedOver || a.type === 'transfer' || a.type === 'enqueue';
    }
    if (handedOver) {
      // A voice host would bridge the caller to an agent; a terminal has none.
      console.log('  [an agent takes the call]');
      call.notify(cc.Notice.AGENT_ANSWERED, 'text bot');
      for (const a of call) show(a);
    }
  }
  lines.close();
  const s = call.summary();
  console.log(`summary: call ${s.call_id}, department ${s.department}, ticket ${s.ticket}, outcome ${s.outcome}`);
  if (s.ticket) {
    const t = await crm.ticketAsync(s.ticket);
    console.log(`crm: ticket ${t.id} is ${t.status}, priority ${t.priority}, for ${cc.maskPhone(t.customerPhone || '')}`);
  }
  console.log(`crm: ${(await crm.transcriptAsync(call.callId)).length} transcript turns stored`);
  call.close();
  crm.close();
  store.close();
  engine.close();
}

main().catch((e) => { console.error(e); process.exit(1); });
