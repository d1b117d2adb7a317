'use strict';
// Text understanding (callcenter/text.h): match keys, display forms, stems,
// language, sentiment, numbers and phone numbers.
const { koffi, fn, types: T } = require('./native');
const { check, InvalidInputError } = require('./errors');
const { str, optStr, callBuf } = require('./util');

const PhoneType = Object.freeze(['unknown', 'mobile', 'fixed', 'toll_free', 'fixed_or_mobile']);
const PhoneProblem = Object.freeze(['ok', 'no_digits', 'too_short', 'too_long', 'invalid', 'no_region']);
const PhoneFormat = Object.freeze({
  E164: 0, INTERNATIONAL: 1, NATIONAL: 2, READBACK: 3, READBACK_AR: 4, READBACK_EN: 5,
});

/** The match key every comparison uses. */
const matchKey = (text) => callBuf(fn.cc_text_key_buf, str(text));
/** The cleaned display form (what a CRM stores). */
const displayForm = (text, asciiDigits = false) =>
  callBuf(fn.cc_text_display_buf, str(text), asciiDigits ? 1 : 0);
/** The light stems of the words, in order. */
function stems(text) {
  const out = callBuf(fn.cc_text_stems, str(text));
  return out ? out.split(' ') : [];
}

function detectLanguage(text) {
  const lang = [0], arabizi = [0];
  check(fn.cc_text_detect_language(lang, arabizi, str(text)));
  return { language: fn.cc_text_language_name(lang[0]), arabizi: arabizi[0] !== 0 };
}

function sentiment(text) {
  const s = {};
  check(fn.cc_text_sentiment_score(s, str(text)));
  return { label: fn.cc_text_sentiment_name(s.label), score: s.score, urgent: s.urgent !== 0,
           urgency: s.urgency };
}

// Calls a "fill up to cap, report count" function twice: once for the size.
function fillArray(f, type, ...args) {
  const count = [0];
  check(f(null, 0, count, ...args));
  const n = Number(count[0]);
  if (n === 0) return [];
  const buf = Buffer.alloc(koffi.sizeof(type) * n);
  check(f(buf, n, count, ...args));
  return koffi.decode(buf, type, n);
}

function numbers(text) {
  return fillArray(fn.cc_text_numbers, T.NumberT, str(text)).map((n) => ({
    digits: n.digits, value: n.has_value ? Number(n.value) : null, plus: n.plus !== 0,
    firstWord: Number(n.first_word), nwords: Number(n.nwords),
  }));
}

function cardinal(text) {
  const v = [0];
  check(fn.cc_text_cardinal(v, str(text)));
  return Number(v[0]);
}

class PhoneNumber {
  constructor(p) {
    this.e164 = p.e164;
    this.region = p.region;
    this.countryCode = p.country_code;
    this.type = PhoneType[p.type] || 'unknown';
  }

  /** The number for display or read-back; for logs use maskPhone(). */
  format(kind = PhoneFormat.INTERNATIONAL) {
    const raw = { e164: this.e164, region: this.region, country_code: this.countryCode,
                  type: PhoneType.indexOf(this.type), problem: 0 };
    return callBuf(fn.cc_text_phone_format, raw, kind);
  }

  toString() { return this.e164; }
  toJSON() { return this.e164; }
}

class PhoneParseError extends InvalidInputError {
  constructor(base, problem) {
    super(base.errno, base.code, base.detail, base.klass);
    this.name = 'PhoneParseError';
    this.problem = problem;
  }
}

function parsePhone(text, region = null) {
  const out = {};
  const rc = fn.cc_text_phone_parse(out, str(text), optStr(region, 'region'));
  if (rc === -14) { // CC_EPARSE: say why
    try { check(rc); } catch (e) { throw new PhoneParseError(e, PhoneProblem[out.problem]); }
  }
  check(rc);
  return new PhoneNumber(out);
}

const findPhones = (text, region = null) =>
  fillArray(fn.cc_text_phone_find, T.Phone, str(text), optStr(region, 'region'))
    .map((p) => new PhoneNumber(p));

const EmailProblem = Object.freeze(['ok', 'not_an_email', 'no_at', 'bad_local', 'bad_domain']);
const NameProblem = Object.freeze(['ok', 'too_short', 'too_long', 'not_a_name']);

class TextParseError extends InvalidInputError {
  constructor(base, problem) {
    super(base.errno, base.code, base.detail, base.klass);
    this.name = 'TextParseError';
    this.problem = problem;
  }
}

// Calls f(buf, problem, text); CC_EPARSE becomes a TextParseError naming why.
function withProblem(f, text, names) {
  const problem = [0];
  try {
    return callBuf((buf) => f(buf, problem, text));
  } catch (e) {
    if (e.errno === -14) throw new TextParseError(e, names[problem[0]]);
    throw e;
  }
}

/** A typed e-mail address checked, its domain lower-cased. */
const validateEmail = (text) => withProblem(fn.cc_text_email_validate, str(text), EmailProblem);
/** A spoken or typed name cleaned ("اسمي أحمد" → "أحمد"). */
const cleanName = (text) => withProblem(fn.cc_text_name_clean, str(text), NameProblem);
/** A Latin search key for a name in any script. */
const nameKey = (name) => callBuf(fn.cc_text_name_key, str(name, 'name'));

/** The first e-mail address in an utterance, typed or spoken, or null. */
function findEmail(text) {
  str(text);
  try {
    return callBuf(fn.cc_text_email_find, text);
  } catch (e) {
    if (e.errno === -4) return null;
    throw e;
  }
}

const phoneRegionKnown = (region) => fn.cc_text_phone_region_known(str(region, 'region')) === 1;

/** Every reading of one utterance; phones use region for national numbers. */
function analyze(text, region = null) {
  const { language, arabizi } = detectLanguage(text);
  return {
    text, display: displayForm(text), key: matchKey(text), stems: stems(text), language, arabizi,
    sentiment: sentiment(text), numbers: numbers(text), phones: findPhones(text, region),
    email: findEmail(text),
  };
}

module.exports = {
  PhoneFormat, PhoneParseError, PhoneNumber, TextParseError, validateEmail, findEmail, cleanName, nameKey, matchKey, displayForm, stems, detectLanguage,
  sentiment, numbers, cardinal, parsePhone, findPhones, phoneRegionKnown, analyze,
};
