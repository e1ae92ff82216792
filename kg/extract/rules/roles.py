"""Credit words as data: which relations a role noun or a participle states.

The cast, credits and people readers look words up here rather than each keeping a list,
so that "co-showrunners", "writer/director" or "created, written and executive produced
by" mean the same everywhere. Relation names are those of the facts spec; "EP" and
"coEP" are the credit readers' short codes for the two producer relations.
"""

from __future__ import annotations

import re

#: Role nouns read before a name ("showrunner B", "co-creators A and B"), as relations
#: joined by "+".
ROLE_WORDS = {
    "showrunner": "showrunner", "showrunners": "showrunner", "co-showrunner": "showrunner",
    "co-showrunners": "showrunner", "creator": "creator", "creators": "creator", "co-creator": "creator",
    "co-creators": "creator", "director": "director", "directors": "director", "writer": "writer",
    "writers": "writer", "screenwriter": "writer", "screenwriters": "writer", "writer-director": "writer+director",
    "director-writer": "writer+director", "writer/director": "writer+director", "scribe": "writer",
    "writer-directors": "writer+director", "writer-producer": "writer", "creator-showrunner": "creator+showrunner",
    "creator/showrunner": "creator+showrunner",
}

#: A credit noun as the role readers' regular expressions spell it ("executive producer",
#: "exec producer", "co-showrunners", "show runner", "writer/director"), and a list of them
#: joined by commas, "and" or slashes ("showrunner and executive producer").
ROLE_NOUN = (r"(?:co[-–])?(?:exec(?:utive)?[- ]producers?|co[-–]?show[- ]?runners?|show[- ]?runners?|co-creators?|creators?|"
             r"writer[-/]directors?|directors?|head writers?|screenwriters?|writers?)")
ROLE_NOUNS = rf"{ROLE_NOUN}(?:(?:\s*,\s*(?:and\s+)?|\s+(?:and|&)\s+|\s*/\s*){ROLE_NOUN})*"


_ROLE_NOUN_RX = re.compile(ROLE_NOUN, re.I)


def role_relations(phrase):
    """The relations a phrase of credit nouns names, in order ("co-showrunners and
    executive producers" -> showrunner, executiveProducer)."""
    out = []
    for m in _ROLE_NOUN_RX.finditer(phrase):
        r = re.sub(r"[\s–-]", "", m.group().lower())
        if r.startswith("coexec"):
            rels = ["coExecutiveProducer"]
        elif r.startswith("exec"):
            rels = ["executiveProducer"]
        elif "showrunner" in r:
            rels = ["showrunner"]
        elif "creator" in r:
            rels = ["creator"]
        elif "director" in r and "writer" in r:
            rels = ["writer", "director"]
        elif "director" in r:
            rels = ["director"]
        else:
            rels = ["writer"]
        out += [x for x in rels if x not in out]
    return out


#: A parenthesis that is nothing but credit nouns, each maybe narrowed to a part of the work:
#: "A (creator/exec producer)", "B (head writer, exec producer)", "C (pilot director)".
_ROLE_PAREN = re.compile(
    rf"(?:(?:pilot|lead|series|episodic|season)\s+)?{ROLE_NOUN}"
    rf"(?:(?:\s*,\s*(?:and\s+)?|\s+(?:and|&)\s+|\s*/\s*)(?:(?:pilot|lead|series|episodic|season)\s+)?{ROLE_NOUN})*",
    re.I)


def paren_role_codes(text):
    """The credit codes of a parenthesis of role nouns ("creator/exec producer" -> creator,
    EP), or [] when any other word is in it (an earlier credit, a character)."""
    if not _ROLE_PAREN.fullmatch(text.strip()):
        return []
    return [{"executiveProducer": "EP", "coExecutiveProducer": "coEP"}.get(r, r) for r in role_relations(text)]


#: Credit verbs in -ing ("with John Doe directing", "Also executive producing are A and B")
#: and the code each states (spaces for hyphens: "co executive producing").
GERUND_ROLES = {"executive producing": "EP", "co executive producing": "coEP", "directing": "director", "writing": "writer",
                "showrunning": "showrunner"}


#: Participles of a passive credit ("created, written and executive produced by"), and the
#: relation each states; "produced" credits companies only. They are read in lists of two or
#: more only, so "run" is a showrunner's credit there ("written, run and executive produced by").
PARTICIPLES = {
    "co-executive produced": "coEP", "executive produced": "EP", "co-created": "creator", "created": "creator", "developed": "creator", "adapted": "creator",
    "co-written": "writer", "written": "writer", "scripted": "writer", "penned": "writer",
    "co-directed": "director", "directed": "director", "helmed": "director", "showrun": "showrunner",
    "run": "showrunner",  # (in a list only: "written, run and executive produced by")
    "produced": "productionCompany",
}

#: "created, written and directed by": two participles or more joined by commas and "and".
_PARTICIPLE = "|".join(re.escape(p).replace(r"\ ", "[- ]") for p in sorted(PARTICIPLES, key=len, reverse=True))
#: "adapted for television and executive produced by": a participle's medium before the next one.
_FOR_SCREEN = r"(?:\s+for\s+(?:television|TV|the\s+(?:small\s+)?screen))?"
PARTICIPLE_LIST = re.compile(
    rf"\b(?P<list>(?:{_PARTICIPLE}){_FOR_SCREEN}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:{_PARTICIPLE}))+)\s+by\s+", re.I)
PARTICIPLE_ONE = re.compile(rf"(?:{_PARTICIPLE})", re.I)

#: The relation of a "<Name>-directed" compound ("the Corwin Ellery Marsh-directed and
#: -scripted Night Ledger", "the Jane Roe-led thriller": the star).
COMPOUND_SUFFIX = {"directed": "director", "helmed": "director", "scripted": "writer", "written": "writer",
                   "penned": "writer", "created": "creator", "produced": "EP", "showrun": "showrunner",
                   "led": "castMember", "starring": "castMember", "fronted": "castMember", "headlined": "castMember",
                   "toplined": "castMember"}


#: A "<Name>-directed" compound somewhere in a text (the gate of the compound reader).
COMPOUND_RX = re.compile(r"\w-(?:" + "|".join(COMPOUND_SUFFIX) + r")\b")


def participle_roles(text):
    """The relation codes of a participle list ("created and executive produced")."""
    out = []
    for m in PARTICIPLE_ONE.finditer(text):
        r = PARTICIPLES[re.sub(r"[- ]+", " ", m.group().lower()).replace("co executive", "co-executive").replace("co ", "co-")]
        if r not in out:
            out.append(r)
    return out


def slash_roles(token):
    """Relations of a slash-joined role word ("producers/showrunners/writers"), or []."""
    out = []
    for part in token.lower().split("/"):
        rel = ROLE_WORDS.get(part) or ("EP" if part in ("producer", "producers") else None)
        if rel is None:
            return []
        out += [r for r in rel.split("+") if r not in out]
    return out

#: Descriptor nouns before a name in a list that state no credit ("cinematographer
#: Ilse Carrow", "Oscar-nominated filmmaker X").
DESCRIPTORS = frozenset(
    "cinematographer filmmaker filmmakers actor actress actors actresses playwright novelist author comedian "
    "journalist musician rapper singer veteran newcomer producer editor composer "
    "choreographer artist designer storyteller auteur youtuber podcaster influencer vlogger".split()
)

#: Plural nouns that introduce a further group of a cast list: "stars A and B, and Australian
#: favourites C and D".
CAST_GROUP_NOUNS = frozenset("favourites favorites stars newcomers veterans regulars actors actresses alums alumni".split())

#: Words before a role noun that make it a job or a trade, not a credit on the work: "comic
#: book writer Jeff Roe" (an author), "casting director X", "music director Y", "content
#: creator Z". Keyed by the role noun's relation.
NOT_A_CREDIT_BEFORE = {
    "writer": frozenset("book books comic comics novel novels fiction crime mystery children's staff sports food travel song "
                        "speech news magazine".split()),
    "director": frozenset("casting managing creative music musical art artistic program programme programming technical marketing "
                          "communications finance general development editorial content sales commercial stunt dialogue festival "
                          "photography animation design research".split()),
    "creator": frozenset("content digital video youtube tiktok social podcast game games app".split()),
}


#: After a person's possessive: "Murray's writing credits include “A,” “B” and “C”" (the works
#: are the person's earlier credits, of the kind the word before "credits" names).
CREDITS_INCLUDE = re.compile(r"(?:s\b)?\s*(?P<kind>writing|screenwriting|directing|acting|producing|tv|television|film)?\s*"
                             r"credits\s+(?:also\s+)?(?:include|includes|including|span)\s+", re.I)
#: The relation each kind of credit states (none for "producing": executive or not, it does not say).
CREDIT_KINDS = {"writing": "writer", "screenwriting": "writer", "directing": "director", "acting": "castMember"}
