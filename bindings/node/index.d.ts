// Type declarations for the callcenter Node binding.

/** Base of every error from libcallcenter. */
export class CallCenterError extends Error {
  /** Symbolic code, e.g. "CC_EINVAL". */
  code: string;
  /** The library's negative error number. */
  errno: number;
  /** The library's message. */
  detail: string;
  /** Which part of the library failed: "text", "store", ... */
  klass: string;
  /** SQLite code, HTTP status, ... */
  backendCode: number;
  /** PostgreSQL SQLSTATE, or "". */
  sqlstate: string;
}
/** Bad input: argument, UTF-8, JSON, configuration, range. */
export class InvalidInputError extends CallCenterError {}
/** The record, key or name does not exist. */
export class NotFoundError extends CallCenterError {}
/** The record already exists. */
export class AlreadyExistsError extends CallCenterError {}
/** Not allowed in the current state (session started/ended, ticket move). */
export class StateError extends CallCenterError {}
/** The database failed, could not be reached, or is busy. */
export class StoreError extends CallCenterError {}
/** The text holds no valid phone number; problem says why. */
export class PhoneParseError extends InvalidInputError {
  problem: 'ok' | 'no_digits' | 'too_short' | 'too_long' | 'invalid' | 'no_region';
}

export const Feature: Readonly<{
  THREADS: number; SQLITE: number; POSTGRES: number; OPUS: number;
  CURL: number; ESPEAK: number; STEMMER: number; SPEEXDSP: number;
}>;
export const LogLevel: Readonly<{
  NONE: 0; ERROR: 1; WARN: 2; INFO: 3; DEBUG: 4; TRACE: 5;
}>;

/** Path of the loaded shared library. */
export const libraryPath: string;
/** The loaded library's version, e.g. "0.1.0". */
export function version(): string;
/** [major, minor, patch] of the loaded library. */
export const versionInfo: [number, number, number];
/** Bitwise OR of Feature values this build has. */
export function features(): number;
export function strerror(code: number): string;
export function errorName(code: number): string;
export function setLogLevel(level: number | string): void;
export function getLogLevel(): number;
/** "+966559876543" → "+966*******43". */
export function maskPhone(phone: string): string;
/** "ahmed@example.com" → "a****@e******.com". */
export function maskEmail(email: string): string;
/** "Ahmed Saleh" → "A**** S****". */
export function maskName(name: string): string;
/** Masks every phone number and e-mail address in a text. */
export function scrub(text: string): string;

// ---- text ---------------------------------------------------------------

export type Language = 'ar' | 'en' | 'mixed' | 'unknown';
export interface Sentiment { label: 'positive' | 'neutral' | 'negative'; score: number; urgent: boolean; urgency: number; }
export interface NumberReading { digits: string; value: number | null; plus: boolean; firstWord: number; nwords: number; }
export const PhoneFormat: Readonly<{
  E164: 0; INTERNATIONAL: 1; NATIONAL: 2; READBACK: 3; READBACK_AR: 4; READBACK_EN: 5;
}>;
export class PhoneNumber {
  e164: string;
  region: string;
  countryCode: number;
  type: 'unknown' | 'mobile' | 'fixed' | 'toll_free' | 'fixed_or_mobile';
  /** For display or read-back; for logs use maskPhone(). */
  format(kind?: number): string;
  toString(): string;
}
export interface Analysis {
  text: string; display: string; key: string; stems: string[]; language: Language; arabizi: boolean;
  sentiment: Sentiment; numbers: NumberReading[]; phones: PhoneNumber[]; email: string | null;
}
/** An e-mail address or a name that is not valid; problem says why. */
export class TextParseError extends InvalidInputError {
  problem: 'ok' | 'not_an_email' | 'no_at' | 'bad_local' | 'bad_domain' | 'too_short' | 'too_long' | 'not_a_name';
}
/** A typed address checked, its domain lower-cased; TextParseError if not valid. */
export function validateEmail(text: string): string;
/** The first address in an utterance, typed or spoken ("ahmed at gmail dot com"), or null. */
export function findEmail(text: string): string | null;
/** A spoken or typed name cleaned ("اسمي أحمد" → "أحمد"); TextParseError if none is left. */
export function cleanName(text: string): string;
/** A Latin search key: "محمد" and "Mohammed" give the same key. */
export function nameKey(name: string): string;
/** The match key every comparison uses (folded, no diacritics, ASCII digits). */
export function matchKey(text: string): string;
/** The cleaned display form (what a CRM stores). */
export function displayForm(text: string, asciiDigits?: boolean): string;
export function stems(text: string): string[];
export function detectLanguage(text: string): { language: Language; arabizi: boolean };
export function sentiment(text: string): Sentiment;
export function numbers(text: string): NumberReading[];
/** "خمسة وعشرين" → 25; NotFoundError without a number. */
export function cardinal(text: string): number;
export function parsePhone(text: string, region?: string | null): PhoneNumber;
export function findPhones(text: string, region?: string | null): PhoneNumber[];
export function phoneRegionKnown(region: string): boolean;
export function analyze(text: string, region?: string | null): Analysis;

// ---- engine -------------------------------------------------------------

export type Priority = 'low' | 'medium' | 'high' | 'urgent';
export type Severity = 'low' | 'medium' | 'high' | 'critical';
export const Priority: Readonly<{ LOW: 'low'; MEDIUM: 'medium'; HIGH: 'high'; URGENT: 'urgent' }>;
export const Severity: Readonly<{ LOW: 'low'; MEDIUM: 'medium'; HIGH: 'high'; CRITICAL: 'critical' }>;
/** 0 for low … 3 for urgent, to compare priorities. */
export function priorityRank(p: Priority): number;

export interface RouteMatch { term: string; department: string; weight: number; }
export interface RouteResult {
  department: string;
  confidence: number;
  reason: 'keywords' | 'named' | 'default' | 'classifier';
  runnerUp: string | null;
  runnerUpConfidence: number;
  matched: RouteMatch[];
  matchedTerms: string[];
  language: Language;
  sentiment: 'positive' | 'neutral' | 'negative';
  sentimentScore: number;
  urgent: boolean;
  severity: Severity;
  priority: Priority;
}
export interface Department {
  id: string; nameAr: string; nameEn: string; descriptionAr: string | null; descriptionEn: string | null;
  priority: number; queue: string | null; welcomePrompt: string | null; routingPrompt: string | null;
  createsTicket: boolean;
}
export interface FieldSpec {
  name: string; kind: 'name' | 'phone' | 'email' | 'service_type' | 'text' | 'number' | 'yes_no';
  required: boolean; minLength: number; maxLength: number; promptKey: string | null;
  labelAr: string | null; labelEn: string | null; aliases: string[];
}
export interface IvrSettings {
  maxRetries: number; confirmationRetries: number; noInputTimeoutMs: number; inactivityLimitMs: number;
  callLimitMs: number; maxQueueSize: number; maxWaitMs: number; requireConfirmation: boolean;
  autoDetectLanguage: boolean; saveTranscript: boolean; defaultLanguage: string; fallbackLanguage: string;
  defaultRegion: string; defaultDepartment: string;
}
export interface RuleAction {
  kind: 'set_priority' | 'create_ticket' | 'transfer' | 'require_field' | 'skip_field' | 'say' | 'set_flag' | 'route';
  rule: string; arg: string | null; priority: Priority;
}
export interface CallContext {
  department?: string; language?: string; text?: string; sentiment?: string; sentimentScore?: number;
  urgent?: boolean; severity?: Severity; priority?: Priority; fields?: Record<string, string | null>;
  matched?: string[]; open?: boolean | null; now?: Date | number; retries?: number; stage?: string;
  customerTier?: string; vip?: boolean; flags?: string[];
}
/** Returns [departmentId, confidence], or null for no opinion. */
export type Classifier = (text: string, keywordResult: RouteResult) => [string, number] | null;
export interface EngineOptions {
  /** Read instead of the process environment; {} ignores it. */
  env?: Record<string, string>;
  classifier?: Classifier;
}

/** The immutable configuration and decision object; share one per process. */
export class Engine implements Disposable {
  constructor(config?: object | null, options?: EngineOptions);
  static fromFile(path: string, options?: EngineOptions): Engine;
  static fromJSON(json: string, options?: EngineOptions): Engine;
  close(): void;
  [Symbol.dispose](): void;
  analyze(text: string): Analysis;
  route(text: string): RouteResult;
  resolutionHours(severity: Severity): number;
  readonly config: any;
  companyName(lang?: string): string;
  readonly departments: Department[];
  department(id: string): Department;
  readonly fields: FieldSpec[];
  readonly ivr: IvrSettings;
  feature(name: string): boolean;
  retentionDays(kind: string): number;
  prompt(key: string, lang?: string | null, vars?: Record<string, string | number>,
         options?: { forDisplay?: boolean }): { text: string; language: string };
  hasPrompt(key: string): boolean;
  faq(question: string, lang?: string | null): { id: string; question: string | null; answer: string; language: string | null; score: number } | null;
  isOpen(when?: Date | number): boolean;
  nextOpening(when?: Date | number): Date;
  readonly timeZone: string;
  evaluateRules(ctx?: CallContext, options?: { trace?: boolean }): { actions: RuleAction[]; fired: number; priority: Priority; trace: string[] };
}

// ---- session ------------------------------------------------------------

export type Stage = 'welcome' | 'collect_name' | 'collect_phone' | 'collect_email' | 'collect_service_type' |
  'confirm_data' | 'route_to_department' | 'department_handling' | 'call_ended' | 'collect_field' | 'edit_field';
export const Stage: Readonly<Record<string, Stage>>;
export const Notice: Readonly<{ AGENT_ANSWERED: 1; TRANSFER_FAILED: 2; CALLER_HUNG_UP: 3; PROMPT_FINISHED: 4 }>;

interface ActionBase { seq: number; stage: Stage; }
export interface SayAction extends ActionBase { type: 'say'; text: string; language: string; key: string | null; bargeIn: boolean; }
export interface ExpectAction extends ActionBase { type: 'expect'; field: string; input: 'speech' | 'dtmf' | 'both'; timeoutMs: number; }
export interface RouteAction extends ActionBase { type: 'route'; department: string; confidence: number; reason: string | null; }
export interface EnqueueAction extends ActionBase { type: 'enqueue'; department: string; priority: Priority; }
export interface TransferAction extends ActionBase { type: 'transfer'; target: string; priority: Priority; reason: string | null; }
export interface TicketAction extends ActionBase {
  type: 'ticket'; ticketId: string; kind: 'complaint' | 'callback'; department: string | null; priority: Priority;
  severity: Severity | null; subject: string | null; description: string | null;
}
export interface HangupAction extends ActionBase { type: 'hangup'; reason: string | null; }
export type Action = SayAction | ExpectAction | RouteAction | EnqueueAction | TransferAction | TicketAction | HangupAction;

interface RecordHead { callId: string; seq: number; idempotencyKey: string; atMs: number; }
export interface Recorder {
  callStarted?(r: RecordHead & { language: string; callerNumber: string | null }): void;
  stageChanged?(r: RecordHead & { stage: Stage; previousStage: Stage | null; department: string | null; reason: string | null; confidence: number }): void;
  turnAdded?(r: RecordHead & { turn: number; speaker: 'caller' | 'bot' | 'system'; text: string; language: string | null; stage: Stage | null }): void;
  customerConfirmed?(r: RecordHead & { name: string | null; phone: string | null; email: string | null; serviceType: string | null; language: string | null; fields: Record<string, string | null> }): void;
  /** Returns the real ticket ID, or null to keep proposedId. */
  ticketCreate?(r: RecordHead & { kind: string; department: string | null; priority: Priority | null; severity: Severity | null; subject: string | null; description: string | null; customerName: string | null; customerPhone: string | null; customerEmail: string | null; language: string | null; proposedId: string }): string | null;
  callEnded?(r: RecordHead & { outcome: string; department: string | null; ticketId: string | null; durationMs: number; turns: number }): void;
}
export interface SessionOptions {
  callId?: string; language?: 'ar' | 'en'; region?: string; callerNumber?: string;
  seed?: number; startMs?: number; wallClockMs?: number; recorder?: Recorder;
}

/** One call's IVR state; iterate over it for the queued actions. */
export class Session implements Iterable<Action>, Disposable {
  constructor(engine: Engine, options?: SessionOptions);
  static restore(engine: Engine, snapshot: string, options?: { recorder?: Recorder }): Session;
  close(): void;
  [Symbol.dispose](): void;
  start(): void;
  inputText(text: string, info?: { confidence?: number | null; language?: string | null; nowMs?: number }): void;
  inputDtmf(digits: string): void;
  inputSilence(): void;
  tick(nowMs: number): void;
  notify(notice: number, detail?: string | null): void;
  actions(): Generator<Action>;
  [Symbol.iterator](): Iterator<Action>;
  drain(): Action[];
  readonly stage: Stage;
  readonly ended: boolean;
  readonly callId: string;
  readonly language: 'ar' | 'en';
  readonly department: string | null;
  readonly ticketId: string | null;
  field(name: string): string | null;
  readonly fields: Record<string, string | null>;
  readonly nextDeadline: number | null;
  readonly recorderFailures: number;
  readonly recorderErrors: unknown[];
  readonly transcript: { speaker: 'caller' | 'bot' | 'system'; text: string; language: string | null; stage: Stage | null; atMs: number }[];
  snapshot(): string;
  summary(): any;
}

// ---- stores and CRM -----------------------------------------------------

export interface StoreOptions { migrate?: boolean; poolSize?: number; busyTimeoutMs?: number; maxPending?: number; }
/** An open database: "memory:", "sqlite:PATH", "postgresql://...". */
export class Store implements Disposable {
  constructor(uri?: string, options?: StoreOptions);
  static open(uri?: string, options?: StoreOptions): Promise<Store>;
  close(): void;
  [Symbol.dispose](): void;
  readonly schemaVersion: number;
  static schemaLatest(): number;
  readonly backend: string;
  readonly pending: number;
  readonly dropped: number;
  migrate(): number;
  migrateAsync(): Promise<number>;
  flush(): number;
  flushAsync(): Promise<number>;
}

export interface Customer {
  id: string; phone: string | null; name: string | null; email: string | null; tier: string | null; vip: boolean;
  language: string | null; notes: string | null; totalCalls: number; totalTickets: number;
  lastInteraction: number; createdAt: number; updatedAt: number; erasedAt: number;
}
export interface CallRecord {
  id: string; customerId: string | null; customerPhone: string | null; direction: string | null;
  status: string | null; stage: string | null; department: string | null; routingReason: string | null;
  outcome: string | null; language: string | null; agentId: string | null; startedAt: number; endedAt: number;
  durationSeconds: number;
}
export interface TranscriptEntry { seq: number; speaker: string; text: string; language: string | null; at: number; }
export interface TicketRecord {
  id: string; callId: string | null; customerId: string | null; customerName: string | null;
  customerPhone: string | null; customerEmail: string | null; subject: string; description: string | null;
  department: string | null; status: string; priority: Priority; assignedTo: string | null; notes: string | null;
  createdAt: number; updatedAt: number; assignedAt: number; resolvedAt: number; closedAt: number;
}
export interface TicketChange { action: string; oldValue: string | null; newValue: string | null; changedBy: string | null; reason: string | null; at: number; }
export interface Agent {
  id: string; name: string | null; email: string | null; department: string | null; status: string | null;
  skills: string[]; languages: string[]; maxConcurrentCalls: number; currentCalls: number; available: boolean;
  lastActive: number;
}
export interface CallFields {
  customerPhone?: string | null; direction?: string; status?: string; stage?: string; department?: string | null;
  routingReason?: string | null; language?: string; agentId?: string; at?: number;
}
export interface CustomerFields { name?: string | null; email?: string | null; tier?: string; vip?: boolean | null; language?: string | null; notes?: string; }
export interface TicketFields {
  description?: string | null; department?: string | null; priority?: Priority | null; customerPhone?: string | null;
  customerName?: string | null; customerEmail?: string | null; callId?: string | null; idempotencyKey?: string | null;
  createdBy?: string;
}
export interface TicketFilter {
  status?: string; department?: string; priority?: Priority; customer?: string; assignedTo?: string; text?: string;
  since?: number; until?: number; limit?: number; offset?: number;
}
export interface CallFilter {
  activeOnly?: boolean; customer?: string; department?: string; status?: string; since?: number; until?: number;
  limit?: number; offset?: number;
}
export interface AgentFields { name?: string; email?: string; department?: string; skills?: string[] | string; languages?: string[] | string; maxConcurrentCalls?: number; }

/** The CRM over a store.  Every method has an ...Async form run on a worker thread. */
export class CRM implements Disposable {
  constructor(store: Store, options?: { defaultRegion?: string; retentionCallsDays?: number; retentionTranscriptsDays?: number; retentionTicketsDays?: number; clock?: () => number });
  readonly store: Store;
  close(): void;
  [Symbol.dispose](): void;
  recorder(): CRMRecorder;
  stats(date: string): any[];
  upsertCustomer(phone: string, fields?: CustomerFields): string;
  upsertCustomerAsync(phone: string, fields?: CustomerFields): Promise<string>;
  customer(key: string): Customer;
  customerAsync(key: string): Promise<Customer>;
  searchCustomers(query?: string, page?: { limit?: number; offset?: number }): Customer[];
  searchCustomersAsync(query?: string, page?: { limit?: number; offset?: number }): Promise<Customer[]>;
  eraseCustomer(key: string): void;
  eraseCustomerAsync(key: string): Promise<void>;
  newCallId(): string;
  newCallIdAsync(): Promise<string>;
  startCall(callId?: string | null, fields?: CallFields): string;
  startCallAsync(callId?: string | null, fields?: CallFields): Promise<string>;
  updateCall(callId: string, fields?: CallFields): boolean;
  updateCallAsync(callId: string, fields?: CallFields): Promise<boolean>;
  endCall(callId: string, status?: string | null, outcome?: string | null, at?: number): boolean;
  endCallAsync(callId: string, status?: string | null, outcome?: string | null, at?: number): Promise<boolean>;
  call(callId: string): CallRecord;
  callAsync(callId: string): Promise<CallRecord>;
  searchCalls(filter?: CallFilter): CallRecord[];
  searchCallsAsync(filter?: CallFilter): Promise<CallRecord[]>;
  appendTurn(callId: string, speaker: string, text: string, options?: { language?: string | null; seq?: number; at?: number }): boolean;
  appendTurnAsync(callId: string, speaker: string, text: string, options?: { language?: string | null; seq?: number; at?: number }): Promise<boolean>;
  transcript(callId: string): TranscriptEntry[];
  transcriptAsync(callId: string): Promise<TranscriptEntry[]>;
  createTicket(subject: string, fields?: TicketFields): string;
  createTicketAsync(subject: string, fields?: TicketFields): Promise<string>;
  ticket(ticketId: string): TicketRecord;
  ticketAsync(ticketId: string): Promise<TicketRecord>;
  searchTickets(filter?: TicketFilter): TicketRecord[];
  searchTicketsAsync(filter?: TicketFilter): Promise<TicketRecord[]>;
  setTicketStatus(ticketId: string, status: string, by?: { who?: string; why?: string }): void;
  setTicketStatusAsync(ticketId: string, status: string, by?: { who?: string; why?: string }): Promise<void>;
  assignTicket(ticketId: string, agentId: string | null, by?: { who?: string; why?: string }): void;
  assignTicketAsync(ticketId: string, agentId: string | null, by?: { who?: string; why?: string }): Promise<void>;
  addTicketNote(ticketId: string, note: string, by?: { who?: string }): void;
  addTicketNoteAsync(ticketId: string, note: string, by?: { who?: string }): Promise<void>;
  ticketHistory(ticketId: string): TicketChange[];
  ticketHistoryAsync(ticketId: string): Promise<TicketChange[]>;
  upsertAgent(id: string, fields?: AgentFields): void;
  upsertAgentAsync(id: string, fields?: AgentFields): Promise<void>;
  setAgentStatus(agentId: string, status: 'available' | 'busy' | 'away' | 'offline'): void;
  setAgentStatusAsync(agentId: string, status: 'available' | 'busy' | 'away' | 'offline'): Promise<void>;
  agent(agentId: string): Agent;
  agentAsync(agentId: string): Promise<Agent>;
  agents(filter?: { department?: string | null; availableOnly?: boolean }): Agent[];
  agentsAsync(filter?: { department?: string | null; availableOnly?: boolean }): Promise<Agent[]>;
  computeStats(date: string): number;
  computeStatsAsync(date: string): Promise<number>;
  purge(): number;
  purgeAsync(): Promise<number>;
}

/**
 * A session recorder that writes the call into a CRM as it happens.  The
 * library writes it (cc_crm_session_recorder): no JavaScript runs per event;
 * a failed write is counted in Session.recorderFailures.  Keep the CRM open
 * while a session records into it.
 */
export class CRMRecorder implements Recorder {
  constructor(crm: CRM);
  crm: CRM;
}

// ---- speech and chat providers ------------------------------------------

export const ProviderKind: Readonly<{ STT: 1; TTS: 2; LLM: 3 }>;
/** The registered provider names of a kind. */
export function providers(kind: number): string[];

/** Interleaved Int16 PCM, as @livekit/rtc-node's AudioFrame takes it. */
export class AudioFrame {
  constructor(samples: Int16Array, sampleRate: number, channels?: number);
  samples: Int16Array;
  sampleRate: number;
  channels: number;
  readonly samplesPerChannel: number;
  readonly durationMs: number;
  static fromWav(data: Uint8Array): AudioFrame;
  toWav(): Buffer;
}
export interface ProviderOptions {
  baseUrl?: string; apiKey?: string; model?: string; voice?: string; language?: string;
  sampleRate?: number; timeoutMs?: number; connectTimeoutMs?: number; maxRetries?: number;
  params?: Record<string, string>;
}
declare class Provider implements Disposable {
  readonly name: string;
  readonly capabilities: number;
  cancel(): void;
  close(): void;
  [Symbol.dispose](): void;
}
export class TTS extends Provider {
  static readonly CAP_STREAMING: number;
  static readonly CAP_ARABIC: number;
  static readonly CAP_OFFLINE: number;
  constructor(name: string, options?: ProviderOptions);
  synthesize(text: string, language?: string | null, voice?: string | null): AudioFrame;
  synthesizeAsync(text: string, language?: string | null, voice?: string | null): Promise<AudioFrame>;
  /** onAudio returning false cancels. */
  stream(text: string, onAudio: (chunk: AudioFrame) => boolean | void, language?: string | null, voice?: string | null): void;
}
export interface Transcript { text: string; language: string; confidence: number; }
export class STT extends Provider {
  static readonly CAP_PARTIALS: number;
  static readonly CAP_LANGUAGE_HINT: number;
  static readonly CAP_DETECTS_LANGUAGE: number;
  constructor(name: string, options?: ProviderOptions);
  recognize(audio: AudioFrame, language?: string | null, onPartial?: ((text: string) => boolean | void) | null): Transcript;
  recognizeAsync(audio: AudioFrame, language?: string | null): Promise<Transcript>;
}
export type ChatMessage = [role: 'system' | 'user' | 'assistant', content: string] | { role: 'system' | 'user' | 'assistant'; content: string };
export class LLM extends Provider {
  static readonly CAP_STREAMING: number;
  constructor(name: string, options?: ProviderOptions);
  chat(messages: ChatMessage[], options?: { systemPrompt?: string | null; onToken?: (text: string) => boolean | void }): string;
  chatAsync(messages: ChatMessage[], options?: { systemPrompt?: string | null }): Promise<string>;
}

// ---- providers written in JavaScript (sys/stt.h, sys/tts.h, sys/llm.h) ----

/** What an implementation's open() receives: the opener's options. */
export interface ProviderConfig {
  baseUrl: string | null; apiKey: string | null; model: string | null; voice: string | null;
  language: string | null; sampleRate: number; timeoutMs: number; params: Record<string, string>;
}
interface ProviderImplBase<I> {
  /** CAP_* bits of the class (TTS.CAP_*, STT.CAP_*, LLM.CAP_*). */
  capabilities?: number;
  /** Called from another thread's request while one runs; stop soon. */
  cancel?(): void;
  /** One instance per opener; without it every opener shares this object. */
  open?(config: ProviderConfig): I;
  /** Called on an instance returned by open() when it is freed. */
  close?(): void;
}
/** Synchronous: return the chunks (or a generator of them). */
export interface TTSImpl extends ProviderImplBase<TTSImpl> {
  /** Rate of Int16Array/Buffer chunks (mono); default 16000. */
  sampleRate?: number;
  synthesize?(text: string, language: string | null, voice: string | null):
    Iterable<AudioFrame | Int16Array | Buffer> | AudioFrame | Int16Array | Buffer;
}
export interface STTImpl extends ProviderImplBase<STTImpl> {
  transcribe?(frame: AudioFrame, languageHint: string | null):
    string | { text: string; language?: string | null; confidence?: number };
}
export interface LLMImpl extends ProviderImplBase<LLMImpl> {
  chat?(messages: Array<[ 'system' | 'user' | 'assistant', string ]>, systemPrompt: string | null): string | Iterable<string>;
}
/** Registers a JavaScript provider under name (AlreadyExistsError when taken). */
export function registerTTS(name: string, impl: TTSImpl, capabilities?: number): void;
export function registerSTT(name: string, impl: STTImpl, capabilities?: number): void;
export function registerLLM(name: string, impl: LLMImpl, capabilities?: number): void;
/** Removes it from the registry (NotFoundError); open instances keep working. */
export function unregisterTTS(name: string): void;
export function unregisterSTT(name: string): void;
export function unregisterLLM(name: string): void;
