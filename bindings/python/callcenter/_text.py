"""Text understanding (callcenter/text.h): match keys, display forms,
stems, language, sentiment, numbers and phone numbers."""
import ctypes
import enum
from dataclasses import asdict, dataclass
from typing import Optional, Tuple

from . import _errors
from . import _types as T
from ._lib import Buf, call_buf, check, lib, opt_utf8, take, utf8

_TEXT_ASCII_DIGITS = 1


class Language(str, enum.Enum):
    """The language of an utterance, as the library names it."""
    UNKNOWN = 'unknown'
    AR = 'ar'
    EN = 'en'
    MIXED = 'mixed'

    def __str__(self):
        return self.value


class PhoneType(enum.IntEnum):
    """What kind of line a phone number is (cc_text_phone_type)."""
    UNKNOWN = 0
    MOBILE = 1
    FIXED = 2
    TOLL_FREE = 3
    FIXED_OR_MOBILE = 4


class PhoneProblem(enum.IntEnum):
    """Why a text is not a valid phone number (cc_text_phone_problem)."""
    OK = 0
    NO_DIGITS = 1
    TOO_SHORT = 2
    TOO_LONG = 3
    INVALID = 4
    NO_REGION = 5


class PhoneFormat(enum.IntEnum):
    """Output forms of PhoneNumber.format()."""
    E164 = 0
    INTERNATIONAL = 1
    NATIONAL = 2
    READBACK = 3
    READBACK_AR = 4
    READBACK_EN = 5


class PhoneParseError(_errors.InvalidInputError):
    """The text holds no valid phone number; `problem` says why."""
    problem = PhoneProblem.NO_DIGITS


class EmailProblem(enum.IntEnum):
    """Why a text is not a valid e-mail address (cc_text_email_problem)."""
    OK = 0
    NOT_AN_EMAIL = 1
    NO_AT = 2
    BAD_LOCAL = 3
    BAD_DOMAIN = 4


class NameProblem(enum.IntEnum):
    """Why a text is not a usable name (cc_text_name_problem)."""
    OK = 0
    TOO_SHORT = 1
    TOO_LONG = 2
    NOT_A_NAME = 3


class TextParseError(_errors.InvalidInputError):
    """An e-mail address or name that is not valid; `problem` says why."""
    problem = 0


@dataclass(frozen=True)
class Sentiment:
    """Sentiment and urgency of an utterance."""
    label: str        #: "positive", "neutral" or "negative"
    score: float      #: -1 (very negative) .. 1 (very positive)
    urgent: bool      #: the caller signals urgency
    urgency: int      #: summed urgency weight; 3 is urgent


@dataclass(frozen=True)
class Number:
    """A number found in an utterance, written or spoken."""
    digits: str             #: the digit-string reading ("055")
    value: Optional[int]    #: the cardinal, when the words make one
    plus: bool              #: "+", "plus" or "زائد" came first
    first_word: int         #: index of its first word in the match key
    nwords: int             #: how many words it spans


@dataclass(frozen=True)
class PhoneNumber:
    """A valid phone number."""
    e164: str               #: "+966559876543"
    region: str             #: "SA"; "" when the country is not in the table
    country_code: int       #: 966
    type: PhoneType         #: mobile, fixed...

    def format(self, kind: PhoneFormat = PhoneFormat.INTERNATIONAL) -> str:
        """The number for display or read-back ("055 987 6543",
        "صفر خمسة خمسة، ...").  For logs use mask_phone() instead."""
        return call_buf(lib.cc_text_phone_format, ctypes.byref(_phone_struct(self)),
                        int(kind))

    def __str__(self):
        return self.e164


@dataclass(frozen=True)
class Analysis:
    """Everything the text layer reads from one utterance."""
    text: str                   #: the input
    display: str                #: cleaned form for a CRM (NFC, no bidi marks)
    key: str                    #: match key every comparison uses
    stems: Tuple[str, ...]      #: light stems of the words
    language: Language          #: ar, en, mixed or unknown
    arabizi: bool               #: Arabic written in Latin letters was seen
    sentiment: Sentiment        #: polarity and urgency
    numbers: Tuple[Number, ...]  #: numbers said or typed
    phones: Tuple[PhoneNumber, ...]  #: valid phone numbers in it
    email: Optional[str]        #: the first e-mail address, typed or spoken

    def to_dict(self) -> dict:
        """A plain dict (enums as their names), e.g. for JSON."""
        d = asdict(self)
        d['language'] = str(self.language)
        d['stems'] = list(self.stems)
        d['numbers'] = [asdict(n) for n in self.numbers]
        d['phones'] = [p.e164 for p in self.phones]
        return d


def _phone_struct(p):
    s = T.Phone()
    s.e164 = p.e164.encode()
    s.region = p.region.encode()
    s.country_code = p.country_code
    s.type = int(p.type)
    return s


def _phone_of(s):
    return PhoneNumber(s.e164.decode(), s.region.decode(), s.country_code,
                       PhoneType(s.type))


def match_key(text: str) -> str:
    """The match key of text: case-folded, diacritics and tatweel removed,
    alef/hamza/yaa/taa marbuta folded, digits ASCII, elongation collapsed."""
    return call_buf(lib.cc_text_key_buf, utf8(text))


def display_form(text: str, ascii_digits: bool = False) -> str:
    """The cleaned display form of text (what a CRM stores)."""
    return call_buf(lib.cc_text_display_buf, utf8(text),
                    _TEXT_ASCII_DIGITS if ascii_digits else 0)


def stems(text: str) -> Tuple[str, ...]:
    """The light stems of the words of text, in order."""
    out = call_buf(lib.cc_text_stems, utf8(text))
    return tuple(out.split()) if out else ()


def detect_language(text: str) -> Tuple[Language, bool]:
    """The language of a short utterance and whether Arabizi was seen."""
    lang, arabizi = ctypes.c_int(), ctypes.c_int()
    check(lib.cc_text_detect_language(ctypes.byref(lang), ctypes.byref(arabizi),
                                      utf8(text)))
    return Language(lib.cc_text_language_name(lang.value).decode()), bool(arabizi.value)


def sentiment(text: str) -> Sentiment:
    """Sentiment and urgency by the built-in lexicon (negation-aware)."""
    s = T.Sentiment()
    check(lib.cc_text_sentiment_score(ctypes.byref(s), utf8(text)))
    return Sentiment(lib.cc_text_sentiment_name(s.label).decode(), s.score,
                     bool(s.urgent), s.urgency)


def numbers(text: str) -> Tuple[Number, ...]:
    """The numbers in an utterance, in digits of any script or in words
    (Gulf, Levantine, Egyptian, MSA, English)."""
    raw = utf8(text)
    count = ctypes.c_size_t()
    check(lib.cc_text_numbers(None, 0, ctypes.byref(count), raw))
    if count.value == 0:
        return ()
    arr = (T.Number * count.value)()
    check(lib.cc_text_numbers(arr, count.value, ctypes.byref(count), raw))
    return tuple(Number(n.digits.decode(), n.value if n.has_value else None,
                        bool(n.plus), n.first_word, n.nwords)
                 for n in arr[:count.value])


def cardinal(text: str) -> int:
    """The utterance read as one cardinal ("خمسة وعشرين" → 25).  Raises
    NotFoundError without a number, ValueError for a digit sequence."""
    v = ctypes.c_int64()
    check(lib.cc_text_cardinal(ctypes.byref(v), utf8(text)))
    return v.value


def phone_region_known(region: str) -> bool:
    """Whether the library knows the numbering of this ISO region."""
    return bool(lib.cc_text_phone_region_known(utf8(region, 'region')))


def parse_phone(text: str, region: Optional[str] = None) -> PhoneNumber:
    """Parses a typed or spoken phone number to E.164; national numbers use
    region ("SA").  Raises PhoneParseError (a ValueError) with `.problem`."""
    out = T.Phone()
    rc = lib.cc_text_phone_parse(ctypes.byref(out), utf8(text),
                                 opt_utf8(region, 'region'))
    if rc == -14:  # CC_EPARSE: say why
        try:
            check(rc)
        except _errors.CallCenterError as e:
            err = PhoneParseError(e.code, e.name, e.message, e.klass)
            err.problem = PhoneProblem(out.problem)
            raise err from None
    check(rc)
    return _phone_of(out)


def find_phones(text: str, region: Optional[str] = None) -> Tuple[PhoneNumber, ...]:
    """The valid phone numbers inside an utterance."""
    raw, reg = utf8(text), opt_utf8(region, 'region')
    count = ctypes.c_size_t()
    check(lib.cc_text_phone_find(None, 0, ctypes.byref(count), raw, reg))
    if count.value == 0:
        return ()
    arr = (T.Phone * count.value)()
    check(lib.cc_text_phone_find(arr, count.value, ctypes.byref(count), raw, reg))
    return tuple(_phone_of(p) for p in arr[:count.value])


def _with_problem(fn, raw, problem_type):
    buf, problem = Buf(), ctypes.c_int()
    rc = fn(ctypes.byref(buf), ctypes.byref(problem), raw)
    if rc < 0:
        lib.cc_buf_dispose(ctypes.byref(buf))
        try:
            check(rc)
        except _errors.CallCenterError as e:
            if rc != -14:      # CC_EPARSE carries the problem
                raise
            err = TextParseError(e.code, e.name, e.message, e.klass)
            err.problem = problem_type(problem.value)
            raise err from None
    return take(buf)


def validate_email(text: str) -> str:
    """A typed address checked and written with its domain in lower case;
    TextParseError (a ValueError) with `.problem` when it is not valid."""
    return _with_problem(lib.cc_text_email_validate, utf8(text), EmailProblem)


def find_email(text: str) -> Optional[str]:
    """The first e-mail address in an utterance, typed or spoken
    ("ahmed at gmail dot com"), or None."""
    buf = Buf()
    rc = lib.cc_text_email_find(ctypes.byref(buf), utf8(text))
    if rc == -4:   # CC_ENOTFOUND
        lib.cc_buf_dispose(ctypes.byref(buf))
        return None
    if rc < 0:
        lib.cc_buf_dispose(ctypes.byref(buf))
        check(rc)
    return take(buf)


def clean_name(text: str) -> str:
    """A spoken or typed name cleaned ("اسمي أحمد" → "أحمد");
    TextParseError with `.problem` when no usable name is left."""
    return _with_problem(lib.cc_text_name_clean, utf8(text), NameProblem)


def name_key(name: str) -> str:
    """A Latin search key for a name in any script: "محمد" and "Mohammed"
    give the same key."""
    return call_buf(lib.cc_text_name_key, utf8(name, 'name'))


def analyze(text: str, region: Optional[str] = None) -> Analysis:
    """Every reading of one utterance; phones use region for national
    numbers (None: international numbers only)."""
    lang, arabizi = detect_language(text)
    return Analysis(text=text, display=display_form(text), key=match_key(text),
                    stems=stems(text), language=lang, arabizi=arabizi,
                    sentiment=sentiment(text), numbers=numbers(text),
                    phones=find_phones(text, region), email=find_email(text))


__all__ = ['Language', 'PhoneType', 'PhoneProblem', 'PhoneFormat',
           'PhoneParseError', 'EmailProblem', 'NameProblem', 'TextParseError',
           'validate_email', 'find_email', 'clean_name', 'name_key', 'Sentiment', 'Number', 'PhoneNumber', 'Analysis',
           'match_key', 'display_form', 'stems', 'detect_language', 'sentiment',
           'numbers', 'cardinal', 'phone_region_known', 'parse_phone',
           'find_phones', 'analyze']
