#!/usr/bin/env python3
"""Prints the spoken forms of an Arabic verb as routing terms (JSON).

The text layer's light stemmer strips clitics (و، ب، ال…) and suffixes but
keeps the imperfect's person prefixes, so a verb needs its forms listed.
This is how the default vocabulary grew: one line per root, not per
utterance.

  scripts/arabic-verb-forms.py PAST PRESENT_STEM [--weight W] [--negated] [--present-only]

  PAST          third person masculine perfect: توقف، اشتغل، وصل
  PRESENT_STEM  the imperfect without its prefix: توقف (يتوقف)، شتغل (يشتغل)

Example: scripts/arabic-verb-forms.py وصل وصل --negated  (ما وصل، ما بيوصل…)
"""
import argparse
import json


def present(stem):
    """Imperfect: يـ تـ نـ أ، the dialect prefixes بـ بيـ بتـ بنـ and the
    Egyptian future حـ/هـ.  Plural suffixes are the stemmer's."""
    return ["ي" + stem, "ت" + stem, "ن" + stem, "ا" + stem, "أ" + stem,
            "بي" + stem, "بت" + stem, "بن" + stem, "ب" + stem,
            "حي" + stem, "حت" + stem, "هي" + stem, "هت" + stem]


def past(verb):
    """Perfect: he, I/you/she, they, you (pl, dialect), we, you (f)."""
    return [verb, verb + "ت", verb + "وا", verb + "تو", verb + "توا", verb + "نا", verb + "تي"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("past")
    ap.add_argument("present_stem")
    ap.add_argument("--weight", type=float, default=1.5)
    ap.add_argument("--negated", action="store_true",
                    help="the forms count only inside a negation (ما وصل)")
    ap.add_argument("--present-only", action="store_true",
                    help="leave out the perfect (a past 'I bought' often starts a complaint)")
    a = ap.parse_args()
    forms = ([] if a.present_only else past(a.past)) + present(a.present_stem)
    terms = []
    for f in dict.fromkeys(forms):
        t = {"term": f, "weight": a.weight}
        if a.negated:
            t["negated"] = True
        terms.append(t)
    print(json.dumps(terms, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
