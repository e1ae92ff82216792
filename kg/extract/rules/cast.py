"""Cast: castMember, portrays and hasCharacter.

"X as Y" is the backbone, guarded by cast verbs and cues so that "served as showrunner"
or "known as" are not roles; "X plays Y", "Y (X)", "starring A, B and C", "A and B also
return" and "X's Y" (decided once all authors are known) complete it. Cast named without
roles ("A (Credit) will star opposite B in <noun> T", "joined in the cast by", "as the
headline cast for T", "a pair of friends (A and B)") and earlier roles stated in prose
("having appeared in W as R", "was the lead of T") are read too, each to its own work.
"""

from __future__ import annotations

import re

from ..context import MAIN, work_key
from ..firstnames import is_given_name
from ..grammar import AWARD_WORDS, CONNECT_PERSON, JOB_TITLE_WORDS, KIN_NOUNS, RANKS, STOP_START, WORK_NOUNS, Name, is_cap, is_upper_word
from ...names import fold
from .anchor import reads_as_person
from .books import BOOK_PLUR, BOOK_SING
from .credits import credit_work
from .organisations import described_work, subject_start
from .roles import DESCRIPTORS, ROLE_WORDS
from .people import known_person, list_before, people_list, person_names, resolve_pronoun, role_slot, role_slot_ok
from .works import WORK_NOUN_RE, _first_name_of_character, locate_works, opening_quote, title_after, work_mention, work_ref


CAST_VERB = re.compile(
    r"\b(?:returns?|returning|stars?|starring|co-stars?|appears?|appearing|reprises?|reprising|joins?|joining|joined|"
    r"plays?|playing|voices?|voicing|comes?|coming|recurs?|recurring|guest|guest-stars?|portrays?|portraying|cast|starred|"
    r"rounds?|back|lends?|takes?|stepping|steps|appearance|debut|turn|role|leads|leading)\b",
    re.I,
)


#: A sentence about the people behind the camera: "On the creative side, A is joined by B and C".
_CREW_SIDE = re.compile(r"\b(?:creative side|creative team|behind the (?:camera|scenes)|producing side|writers[’']? room)\b", re.I)
CAST_CUE = re.compile(
    r"\b(?:cast|casts|ensemble|stars?|starred|starring|co-stars?|includes?|including|features?|featuring|joins?|joined|joining|"
    r"plays?|returns?|returning|reprises?|voices?|lead|leads|with|alongside|also|portrays?|recurring|named|"
    r"members?|lineup|line-up|roles?|introduces?|introducing)\b",
    re.I,
)


NOT_AS = frozenset("such well known serve serves served serving same so just much long soon far as regarded seen described "
                   "billed touted hailed viewed referred act acts acted acting work works worked working function "
                   "functions rebranded relaunched rebrands renamed".split())


#: A credit, not a role, after "as": "as new executive producers", "as showrunner".
_CREDIT_AFTER_AS = re.compile(
    r"\s+(?:(?:the|an?|its|new|lead|sole|co-)\s*)*(?:(?:co[-–])?executive[- ]producers?|co[-–]?showrunners?|showrunners?|"
    r"co-creators?|creators?|directors?|writers?|producers?|head writers?)\b"
    r"(?!\s+(?-i:[A-Z])[\w'’.-]+(?:\s+(?-i:[A-Z])[\w'’.-]+)?\s*(?:,|and\b|\.|$))", re.I)  # ("as producers Rachel Gold and Quinn Ames": roles)


def _is_rank(word):
    w = word.lower()
    return w in RANKS or w.rstrip(".") in RANKS


_ACTORS_LISTED = re.compile(r"\b(?:the characters they (?:play|portray)|their characters|their roles|and their roles|"
                            r"(?:cast members|series regulars|returning cast|returning stars)\s+(?:also\s+)?(?:include|includes|are)|"
                            r"(?:joining|rounding out|new to|completing) the (?:cast|ensemble)\b[^.;()]{0,30}?\s(?:are|is))\b", re.I)
#: An animated work's cast list, whose parentheses name the characters voiced ("The voice cast
#: features A (Jo), B (Rosa) and C (Chuck)"), never earlier credits.
_VOICE_CAST = re.compile(r"\bvoice (?:cast|talent)\s+(?:also\s+)?(?:features?|includes?|are|is)\b", re.I)
#: Words before a name that make a parenthesis after it a credit, not a role ("Directed by
#: Anselm Kray (Paper Moons)", "from creator Ines Abara (Little Mercies)").
_CREDITED_BEFORE = re.compile(r"\b(?:(?:directed|written|created|developed|produced|penned|scripted|helmed) by|from|creator|co-creator|"
                              r"showrunners?|director|writer|producers?|along with|alongside)\s+$", re.I)


def _lists_roles(sent):
    """Whether the sentence says it lists actors with their roles ("cast members include", "the
    voice cast features")."""
    return _ACTORS_LISTED.search(sent.text) is not None or _VOICE_CAST.search(sent.text) is not None


def _credited(ctx, sent, name):
    """Whether a credit phrase opens the list of names that ends with name ("developed by
    Ines Abara and Tove Lindqvist"), so that a parenthesis after it is an earlier credit."""
    first = list_before(ctx, sent, name, always=True)[0]
    return any(_CREDITED_BEFORE.search(ctx.text, max(sent.start, n.start - 20), n.start) for n in (name, first))


#: Verbs after "to" that make the parenthesis before them an actor's earlier credit: "added
#: A (Bright Days) to star alongside B" (a role would follow the verb, not precede it).
_TO_PERFORM = re.compile(r"(?:co-)?star|play|portray|join|lead|appear|topline|headline", re.I)


def _after_paren_list(sent, j):
    """The token after a list of "Name (credit)" items that goes on at token j ("and B (Gull)
    serving as ..." -> the index of "serving")."""
    while sent.t(j) in (",", "and", "&") and is_cap(sent.t(j + 1)):
        k = j + 1
        while k < j + 6 and is_cap(sent.t(k)):
            k += 1
        if sent.t(k) != "(":
            break
        while k < len(sent.toks) and k < j + 20 and sent.t(k) != ")":
            k += 1
        if sent.t(k) != ")":
            break
        j = k + 1
    return j


def _actor_first(ctx, sent):
    """Whether the sentence's "A (B)" pairs are "Actor (Character)": some parenthesis opens
    with a rank ("Amy Arcos (Lt. Grace Bellamy)") or names a known character, or some name
    before one is a known person's full name."""
    cached = getattr(sent, "_actor_first", None)
    if cached is not None:
        return cached
    res = _lists_roles(sent)  # "cast members, with the characters they play, include"
    toks = sent.toks
    for k, tok in enumerate(toks if not res else ()):
        if tok.text != "(" or k == 0 or not is_cap(sent.t(k + 1)):
            continue
        if _is_rank(sent.t(k + 1)) and is_cap(sent.t(k + 2)) or sent.t(k + 1) == "Lt" and sent.t(k + 2) == ".":
            res = True
            break
        inner = sent.name_at(k + 1, "name")
        if inner is not None and sent.t(inner.j) == ")" and fold(inner.text) in ctx.character_keys:
            res = True
            break
        left = sent.name_before(k, "name")
        if inner is not None and inner.j == k + 2 and sent.t(inner.j) == ")" and left is not None \
                and len(left.text.split()) >= 2 and fold(inner.text) not in ctx.person_keys:
            res = True  # "Sean Dulwich (Brathby), ..., Lucy Blane (Maria Tolland)": actors in full, roles by one name
            break
        if left is not None and ctx.looks_person_strict(left.text) and fold(left.text) not in ctx.character_keys:
            res = True
            break
    sent._actor_first = res
    return res


_AWARD_WORD = re.compile(r"-(?:winning|nominated|winner|nominee)$", re.I)


#: Descriptors that open a sentence before a name ("Star Anton Mayhew, who plays").
_LEADING_DESCRIPTORS = frozenset("Star Actor Actress Newcomer Veteran Comedian".split())


def _without_award(ctx, sent, name):
    """A name without an award adjective before it ("Oscar-nominated Delphine Marsh") or a
    descriptor opening the sentence ("Star Anton Mayhew")."""
    if name.i == 0 and sent.t(0) in _LEADING_DESCRIPTORS and name.j - name.i >= 3:
        start = sent.toks[1].start
        return Name(1, name.j, start, name.end, ctx.text[start:name.end], [], name.possessive)
    for k in range(name.i, name.j - 1):
        if _AWARD_WORD.search(sent.t(k)):
            start = sent.toks[k + 1].start
            return Name(k + 1, name.j, start, name.end, ctx.text[start:name.end], [], name.possessive)
    return name


def _credit_parens(ctx, sent):
    """Whether some parenthesis of the sentence reads as a title or a company, so that the
    sentence's parentheses are earlier credits, not roles: it opens with an article, holds a
    list, a digit, a possessive, quotes, a slash or a lower-case word, or names a company
    ("(The Tidekeeper)", "(Sketch 22, Stone Hall/Bring in the Tides)", "(Marrick's own
    Blue Hallway)", "Northern Saints (Tallpine)")."""
    memo = sent._memo
    if "credit_parens" in memo:
        return memo["credit_parens"]
    res = False
    toks = sent.toks
    for k, tok in enumerate(toks):
        if tok.text != "(":
            continue
        close = k + 1
        while close < len(toks) and close < k + 16 and toks[close].text != ")":
            close += 1
        inner = [t.text for t in toks[k + 1:close]]
        if close >= len(toks) or not inner or not is_cap(inner[0]):
            continue
        if inner[0] in ("The", "A", "An") and len(inner) > 1 or any(
                w in (",", "'s", "’", "'", "“", "”", '"', "/", ":", "&") or w[0].isdigit() or "/" in w
                or (w[0].islower() and w not in CONNECT_PERSON) for w in inner[1:]) \
                or ctx.looks_org(" ".join(inner)) or ctx.is_work(" ".join(inner)):
            res = True
            break
    memo["credit_parens"] = res
    return res


_DASHES = ("–", "—", "--")


def _aside_before(sent, k):
    """The token index of the dash opening an aside that closes just before token k
    ("Kathryn Kell – who played Becky Moran – as"), or None."""
    if sent.t(k - 1) not in _DASHES:
        return None
    b = k - 2
    while b > 0 and b > k - 30:
        if sent.t(b) in _DASHES:
            return b
        b -= 1
    return None


def _walk_back_verb_phrase(toks, k, over_names=False):
    """Index of the token before the lower-case verb phrase that ends just before token k."""
    b = k - 1
    while b >= 0 and b > k - 12:
        t = toks[b].text
        if t in ("as",):
            break
        if t.isdigit() and b > 0 and toks[b - 1].text in ("Season", "Series"):
            b -= 2  # "was added to the Season 2 cast as"
            continue
        if t[:1].islower() or t == "-" or (t.isdigit() and len(t) == 4) or (over_names and (t[:1].isupper() or t in ("'s", "'"))):
            b -= 1
            continue
        break
    return b


def _skip_back_to_subject(sent, b):
    """Step back over ", who" and a parenthesis so that b is the last token of the subject."""
    toks = sent.toks
    if toks[b].text == "," and b > 0 and is_cap(toks[b - 1].text):
        return b - 1
    if toks[b].text == "," and b > 0 and toks[b - 1].text == ")":
        b -= 1  # "Sacha Roe (X, Y), who stars as": over the comma, then the parenthesis
    if toks[b].text == ")":
        o = b
        while o > 0 and o > b - 24 and toks[o].text != "(":  # long credits: "(A, B: Reunion and C & D: The Early Years)"
            o -= 1
        if toks[o].text == "(" and o > 0:
            return o - 1
    return b


def _subject_of_cast_verb(ctx, sent, i):
    """ "Meryl Strand has joined the cast of the Northwind drama series Small White Fibs as": the
    name before the cast verb that precedes token i."""
    for v in reversed(list(CAST_VERB.finditer(sent.doc_text, sent.start, sent.toks[i].start))):
        k = sent.tok_at(v.start())
        b = k - 1
        while b >= 0 and b > k - 6 and sent.t(b) in ("has", "have", "had", "been", "is", "will", "also", "officially", "was", "the", "joined", "join", "joins"):
            b -= 1
        if b > 0 and sent.t(b) == ")":
            b = _skip_back_to_subject(sent, b)  # "Dane Dehlin (Mavis's Story) has joined"
        if b < 0 or not is_cap(sent.t(b)):
            continue
        name = sent.name_before(b + 1, "name")
        if name is None or name.possessive or ctx.looks_org(name.text) or ctx.is_work(name.text):
            return None
        return name
    return None


_PLAYED_BY = re.compile(
    r"\b(?P<role>(?:an?|the) role\s+)?(?:(?:was|were|has been|had been)\s+)?(?:previously\s+|originally\s+|first\s+|once\s+|also\s+)?"
    r"(?:played|portrayed|voiced)\s+(?P<where>(?:[a-z][\w-]*\s+){0,5}?)by\s+(?=[A-Z])")


_ROLES_OF = re.compile(r"\b(?:in|over|on|play|plays|playing) the (?:[a-z-]+ ){0,2}roles of\s+(?=[a-zA-Z])")


def _roles_of(ctx, sent):
    """ "A and B (earlier credits) ... in the central roles of lead detective X and Y", "take
    over the roles of X and Y": the
    people named before, paired in order with the roles (like "respectively")."""
    for m in _ROLES_OF.finditer(ctx.text, sent.start, sent.end):
        k = sent.tok_at(m.start())
        people = [n for n in person_names(ctx, sent, 0, k) if not _in_parens(sent, n.i)]
        roles, i = [], sent.tok_at(m.end())
        while len(roles) < len(people):
            role = role_slot(ctx, sent, i)
            if role is None or ctx.looks_org(role.text) or ctx.is_work(role.text) or fold(role.text) in ctx.person_keys:
                break
            roles.append(role)
            i = role.j + (sent.t(role.j) == ",")
            if sent.t(i) != "and" and sent.t(role.j) != ",":
                break
            i += sent.t(i) == "and"
        if len(roles) < 2 or len(roles) != len(people):
            continue
        work = work_ref(ctx, sent, 0, k)
        for person, role in zip(people[-len(roles):], roles):
            ctx.performance(work, ctx.person(person), ctx.character(sent, role), sent, 0.8)


def _in_parens(sent, i):
    """Whether token i is inside a parenthesis that opens at most 12 tokens before it."""
    b = i - 1
    while b >= 0 and b > i - 12 and sent.t(b) not in ("(", ")"):
        b -= 1
    return sent.t(b) == "("


_TO_BE = re.compile(r",?\s*(?:who\s+(?:is|will\s+be)\s+|is\s+)?to\s+be\s+$|,?\s*(?:who\s+)?will\s+be\s+$")


def _played_by(ctx, sent):
    """ "Francesca Ashworth, a role previously played by Ruby Stenhouse", "The character ... was
    previously played on the big screen by A, B and C": earlier actors of a character."""
    for m in _PLAYED_BY.finditer(ctx.text, sent.start, sent.end):
        k = sent.tok_at(m.start())
        char = None
        appositive = False
        if m.group("role") and sent.t(k - 1) == ",":
            c = sent.name_before(k - 1, "name")
            if c is not None and not c.possessive and fold(c.text) in ctx.character_keys:
                char = ctx.character(sent, c)
        elif _TO_BE.search(ctx.text, max(sent.start, m.start() - 16), m.start()):
            # "the story of Millie, to be played by Sweeting", "Andrew to be played by X"
            b = sent.tok_before(_TO_BE.search(ctx.text, max(sent.start, m.start() - 16), m.start()).start())
            if sent.t(b) == "," and not is_cap(sent.t(b - 1)):
                # "Darius Hill, an All-American football star, will be played by": over the appositive
                b = next((p for p in range(b - 2, max(0, b - 16), -1) if sent.t(p) == "," and is_cap(sent.t(p - 1))
                          and sent.t(p + 1)[:1].islower()), b)
            c = sent.name_before(b, "name") if is_cap(sent.t(b - 1)) else None
            if c is not None and not c.possessive and not ctx.looks_org(c.text) and not ctx.is_work(c.text) \
                    and fold(c.text) not in ctx.person_keys:
                char = ctx.character(sent, c)
        elif not m.group("role") and sent.words(0, 3) in (["The", "role", "of"], ["The", "part", "of"]):
            # "The role of Peter Vance is played by Kit Lowe": this work's role
            c = sent.name_at(3, "char")
            if c is not None and not c.possessive and not ctx.looks_org(c.text) and not ctx.is_work(c.text) \
                    and fold(c.text) not in ctx.person_keys:
                char = ctx.character(sent, c)
        elif not m.group("role") and sent.t(k - 1) in (",", "—", "–") and is_cap(sent.t(k - 2)) \
                and (c := sent.name_before(k - 1, "char")) is not None and sent.t(c.i - 1) == "," \
                and sent.t(c.i - 2) in ("character", "role") and not c.possessive and fold(c.text) not in ctx.person_keys:
            char = ctx.character(sent, c)  # "another new character, Jimmy, played by A": the role in apposition
            appositive = True
        elif not m.group("role") and sent.t(k - 1) in (",", "—", "–") and is_cap(sent.t(k - 2)) \
                and (c := sent.name_before(k - 1, "char")) is not None \
                and (len(c.text.split()) >= 2 or sent.t(c.i - 1) in ("character", "role")) \
                and sent.t(c.i - 1).isalpha() and sent.t(c.i - 1).islower() and not c.possessive \
                and fold(c.text) not in ctx.person_keys and not ctx.looks_org(c.text) and not ctx.is_work(c.text):
            char = ctx.character(sent, c)  # "the protagonist Mickey Haller, played by A", "the character Xavier — played by A —"
            appositive = True
        elif not m.group("role"):
            from .books import _subject_character
            c0 = sent.name_at(0, "name")
            char = _subject_character(ctx, sent, c0.j if c0 is not None and not c0.possessive else 2)
        if char is None:
            if sent.t(k - 1) == "(" and not m.group("role") and not m.group("where"):
                # "the detective in charge of the case (played by Tor Ekman)": a role with no name, in the work's cast
                items, end = people_list(ctx, sent, sent.tok_at(m.end()), False)
                if sent.t(end) == ")":
                    for name, _, org in items:
                        if not isinstance(name, str) and org is None and known_person(ctx, name) and not ctx.is_work(name.text):
                            ctx.fact(work_ref(ctx, sent, 0, k), "castMember", ctx.person(name), sent, 0.75)
            continue
        start = sent.tok_at(m.end())
        start += "-" in sent.t(start) and sent.t(start).rsplit("-", 1)[1] in AWARD_WORDS  # "played by Tony-nominee A"
        items, _ = people_list(ctx, sent, start, False)
        same_work = m.group("role") and not re.search(r"\b(?:screen|film|films|movie|movies|stage)\b", m.group("where"))
        work = work_ref(ctx, sent, 0, k)
        same_work = same_work or appositive or not m.group("role") and (_TO_BE.search(ctx.text, max(sent.start, m.start() - 16), m.start())
                                                          or sent.t(1) in ("role", "part"))
        for name, _, _ in items:
            if isinstance(name, str) or not ctx.looks_person(name.text):
                continue
            pm = ctx.person(name)
            ctx.fact(pm, "portrays", char, sent, 0.75)
            if same_work:
                ctx.fact(work, "castMember", pm, sent, 0.75)
                ctx.fact(work, "hasCharacter", char, sent, 0.75)


_WORK_NOUN_WORDS = frozenset(WORK_NOUNS.split("|"))


def _named_as_work(sent, name):
    """A name right after a work noun ("the limited series The Landing") is a title."""
    before = name.i - 1 - (sent.t(name.i - 1) in ("The", "the"))
    if sent.t(before).lower() not in _WORK_NOUN_WORDS:
        return False
    # the noun needs a determiner or a modifier: "will feature Sophie Wardell" is a verb
    det = sent.t(before - 1).lower()
    return det in _WORK_DETERMINERS or det == "'s" or det.endswith(("ing", "ed")) or det in _WORK_NOUN_WORDS


_WORK_DETERMINERS = frozenset("the a an its his her their this new limited upcoming forthcoming original hit "
                              "scripted animated british american".split())


#: "Sonal Jha playing his wife, ...": a role named only by kin to another character.
_KIN_ROLE = re.compile(r"\s+(?:his|her|their)\s+(?:on-screen\s+)?([a-z-]+)\s*(?:[,.;]|and\b|$)")
_UNNAMED_ROLE = re.compile(r"\s+(?:an?|the)\s+(?:\w+\s+){0,2}?(?:unspecified|undisclosed|unnamed|unknown|mystery|secret|key|lead|"
                           r"leading|supporting|pivotal|major|recurring|guest)\s+(?:role|part|character)\b", re.I)


def _show_after_role(ctx, sent, role, known=False):
    """ "played Detective Sam Oduya on Harbor Nine", "plays Margo in The Quiet Ward": the
    work named right after the role, as a Work mention, or None."""
    j = role.j
    if sent.t(j) not in ("on", "in"):
        return None
    described = described_work(ctx, sent, j + 1)  # "in another KBX1 medical drama, Wardside"
    j += 1 + (sent.t(j + 1) == "the")
    while sent.t(j)[:1].islower() and sent.t(j).isalpha() and sent.t(j).lower() in _WORK_NOUN_WORDS | {"hit", "cult", "original"}:
        j += 1  # "on the comedy Small Mercies"
    title = described[0] if described is not None else title_after(sent, j)
    if title is None or title.possessive or ctx.looks_org(title.text) or fold(title.text) in ctx.person_keys:
        return None
    if title.text.split()[0] in ("Season", "Episode", "Part") or any(w in _MONTH_WORDS for w in title.text.split()):
        return None
    if known and not ctx.is_work(title.text):
        return None  # only a title the text introduces elsewhere ("as Jane in New York" names a place)
    return ctx.mention(title.text.strip("‘“'\"”"), "Work", title.start)


_MONTH_WORDS = frozenset("January February March April May June July August September October November December".split())


def _introduced_work(ctx, sent, k):
    """A title a work noun introduces before token k ("Its previous film, Harrow Lane,
    also featured"), as a Work mention, or None."""
    for b in range(k - 1, max(0, k - 10), -1):
        if sent.t(b) in (",", "—") and is_cap(sent.t(b + 1)) and sent.t(b - 1).lower() in _WORK_NOUN_WORDS:
            title = sent.name_at(b + 1, "title")
            if title is not None and not title.possessive and title.j <= k and fold(title.text) not in ctx.person_keys:
                return ctx.mention(title, "Work", title.start)
    return None


#: Auxiliaries and verbs of signing between a subject and "star in": "has signed on to star in".
_BEFORE_STAR = frozenset("are is will would be also to set now both co has have had been was were signed on tapped attached "
                         "slated expected poised due going".split())


#: Words between "alongside" and the people: "previously announced", "fellow newcomers", "returning".
_BEFORE_CO_STARS = frozenset("previously already recently announced confirmed fellow returning newcomer newcomers "
                             "series regulars regular veteran veterans co-stars stars".split())


def _subjects_star(ctx, sent, k):
    """ "Sidney Sweeting and Amanda Seyler are starring in", "Sarah Hadley will star
    alongside Warm Hands actor John Tolley", "Bree Bassett signed on to star in the film":
    the subjects, and the people after "opposite" / "alongside", are cast members."""
    b = k - 1
    while b >= 0 and sent.t(b) in _BEFORE_STAR:
        b -= 1
    if b > 1 and sent.t(b) == "who" and sent.t(b - 1) == ",":
        b -= 2  # "Ridlow and Jasper, who will star in the project,"
    if b > 1 and sent.t(b) == "," and sent.t(b - 1) == ")":
        b -= 1  # "A (Bloom, Below) and B (Silk), star alongside": a stray comma after the subject list
    paren = b > 0 and sent.t(b) == ")"
    if paren:
        b = _skip_back_to_subject(sent, b)  # "added A (Bright Days) to star alongside B", "A (Gravelstone) will star opposite B"
    if b < 0 or not is_cap(sent.t(b)):
        return
    last = sent.name_before(b + 1, "name")
    if last is None or last.possessive or not known_person(ctx, last) or ctx.is_work(last.text):
        return
    people = _subject_list(ctx, sent, last, k) if paren else list_before(ctx, sent, last, always=True, surnames=True)
    d = last.i - 1
    if sent.t(d) in KIN_NOUNS:
        # "George Loria and his real-life daughter Maya Loria will star in": both
        d -= 1 + (sent.t(d - 1)[:1].islower() and sent.t(d - 1) not in ("his", "her", "their"))
        first = sent.name_before(d - 1, "name") if sent.t(d) in ("his", "her", "their") and sent.t(d - 1) == "and" else None
        if first is not None and not first.possessive and known_person(ctx, first):
            people.insert(0, first)
    j = k + 1
    if sent.t(k + 1) in ("opposite", "alongside"):
        a = k + 2
        while a < k + 5 and sent.t(a) in _BEFORE_CO_STARS:
            a += 1  # "alongside previously announced A and B", "alongside fellow newcomer A"
        items, j = people_list(ctx, sent, a, False)
        people += [n for n, _, org in items if not isinstance(n, str) and org is None
                   and ctx.looks_person(n.text) and not ctx.is_work(n.text)]
    titled = _titled_after_in(ctx, sent, j)
    if titled is None and sent.t(j) == "in" and sent.t(j + 1) in ("the", "this") and sent.t(j + 2) in _CAST_IN_NOUNS | {"project"}:
        work = work_ref(ctx, sent, 0, people[0].i)  # "who will star in the project": not a title named after it
    else:
        work = titled or work_ref(ctx, sent, 0, len(sent.toks))
    for p in people:
        ctx.fact(work, "castMember", ctx.person(p), sent, 0.8)


#: A part given to the subject: "A is set for a lead role in", "B has landed a recurring role in",
#: "C is set to lead" (the work after it, or the text's).
_ROLE_IN = re.compile(r"\s+(?:(?:is|are|was|were|has\s+been|have\s+been|has|have|also|now|just)\s+)*"
                      r"(?:(?:set|slated|tapped|poised|cast)\s+(?:for|in)|landed|lands|scored|booked|nabbed|snagged|won)\s+"
                      r"(?:(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:role|part)|(?:[\w-]+\s+){0,2}?(?:roles|parts))\s+(?=in\b|on\b)"
                      r"|\s+(?:is|are)\s+(?:set|slated|tapped|poised)\s+to\s+(?:lead|headline|topline|front)\s+(?=the\b|[A-Z“\"‘])")


def _role_in(ctx, sent):
    """ "Patricia Arden is set for a lead role in the limited series Harrowgate", "A has landed a
    recurring role in B", "C is set to lead the drama": the subjects are cast members of the work
    named after the phrase, else of the text's work."""
    for m in _ROLE_IN.finditer(ctx.text, sent.start, sent.end):
        b = sent.tok_before(m.start())
        paren = b > 0 and sent.t(b - 1) == ")"
        if paren:
            b = _skip_back_to_subject(sent, b - 1) + 1  # "A (X) and B (Y) have booked guest roles on"
        last = sent.name_before(b, "name") if b > 0 and is_cap(sent.t(b - 1)) else None
        if last is None or last.possessive or not known_person(ctx, last) or ctx.is_work(last.text):
            continue
        j = sent.tok_at(m.end())
        if sent.t(j) not in ("in", "on"):
            j -= 1  # "is set to lead the drama X": read the object as after "in"
        work = _titled_after_in(ctx, sent, j) if sent.t(j) in ("in", "on") else None
        end = next((x for x in range(j, len(sent.toks)) if sent.t(x) in (",", ";", "and")), len(sent.toks))
        work = work or work_ref(ctx, sent, j, end)  # ("a lead role in the limited series, and ...": the text's work)
        people = _subject_list(ctx, sent, last, sent.tok_at(m.start())) if paren else list_before(ctx, sent, last, always=True, surnames=True)
        for p in people:
            ctx.fact(work, "castMember", ctx.person(p), sent, 0.8)


def _titled_after_in(ctx, sent, j):
    """ "in KTV's dark dramedy pilot Reckless Aunts", "in the comedy Lowmoor": the title a
    work noun introduces after "in" at token j, as a Work mention, or None."""
    if sent.t(j) != "in":
        return None
    described = described_work(ctx, sent, j + 1)
    if described is not None:
        return ctx.mention(described[0], "Work", described[0].start)  # "in the KBX's TV series Harbour Lights"
    i = j + 1
    while i < j + 9 and (sent.t(i)[:1].islower() or sent.t(i) == "'s" or is_cap(sent.t(i)) and sent.t(i + 1) == "'s"):
        i += 1  # "the working-class family comedy", "KTV's"
    if i == j + 1 and is_cap(sent.t(i)) and sent.t(i) not in ("The", "A", "An"):
        # "Hugh Jarrow will star in Iron Circuit as ...": a title right after "star in", ending the clause
        title = title_after(sent, i)
        if title is None or title.possessive or sent.t(title.j) not in (".", ",", ";", "", "as", "opposite", "alongside", "for") \
                or ctx.looks_org(title.text) or ctx.looks_person_strict(title.text) or fold(title.text) in ctx.person_keys:
            return None
        return ctx.mention(title, "Work", title.start)
    if sent.t(i - 1).lower() not in _WORK_NOUN_WORDS | {"pilot"}:
        return None
    title = title_after(sent, i)
    if title is None or title.possessive or ctx.looks_org(title.text) or fold(title.text) in ctx.person_keys:
        return None
    return ctx.mention(title, "Work", title.start)


def _appositive_subject(ctx, sent, b):
    """ "Joseph Zane, famed for his role in 'We Told Tales,' will portray": the token index
    of the subject's last word before an appositive that closes with the comma at b (b
    itself when there is none). The appositive may hold commas of its own ("Cara Doyle, who
    played Ann in another KBX1 drama, Wardside, joins")."""
    for p in range(b - 1, max(0, b - 24), -1):
        if sent.t(p) != "," or is_cap(sent.t(p + 1)) and p < b - 1:
            continue  # ", Wardside,": a title in apposition inside the appositive
        if p < b - 22 or not is_cap(sent.t(p - 1)) or not sent.t(p + 1)[:1].islower():
            break
        name = sent.name_before(p, "name")
        if name is not None and not name.possessive and known_person(ctx, name):
            return p - 1
        break
    return b  # ("Varnum, who created the series, also stars as": a surname the text gives in full)


_SHOW_STAR = frozenset("star actor actress alum alumna veteran".split())


def _before_aka(sent, k):
    """k, or the index of "aka" when a quoted nickname closes just before token k: "Dr. Martin
    Whitby aka 'The Tailor' (Martin Shale)" pairs the actor with the name before "aka"."""
    if sent.t(k - 1) not in ("'", "’", "”", '"'):
        return k
    o = k - 2
    while o > 0 and o > k - 8 and sent.t(o) not in ("'", "‘", "“", '"'):
        o -= 1
    return o - 1 if sent.t(o - 1).lower() in ("aka", "a.k.a") else k


def _show_star_aside(ctx, sent, k):
    """ "former Carnation Row star Kathryn Kell – who played Becky Moran on the
    cobbles from 2006 to 2012 – as": the earlier show, its cast member and the role she
    played there. Returns whether the aside was read."""
    actor = sent.name_at(k + 1, "name")
    if actor is None or actor.possessive or sent.t(actor.j) not in _DASHES + (",",) or sent.t(actor.j + 1) != "who" \
            or sent.t(actor.j + 2) not in ("played", "portrayed", "voiced") or not ctx.looks_person(actor.text):
        return False
    show = sent.name_before(k, "title")
    role = role_slot(ctx, sent, actor.j + 3)
    if show is None or show.possessive or role is None or ctx.looks_org(show.text) or fold(show.text) in ctx.person_keys \
            or ctx.looks_org(role.text) or ctx.is_work(role.text):
        return False
    work = ctx.mention(show, "Work", show.start)
    ctx.performance(work, ctx.person(actor), ctx.character(sent, role), sent, 0.75)
    return True


def _show_actor_paren(ctx, sent, k):
    """ "vascular surgeon Randall Kerby (Mr. Circuit's Christian Slade)": a role, then the
    actor with an earlier show in the possessive. Returns whether the parenthesis was read."""
    close = k + 1
    while close < len(sent.toks) and close < k + 12 and sent.t(close) not in (")", "("):
        close += 1
    if sent.t(close) != ")":
        return False
    # "(Mr. Circuit's Christian Slade)", "(“Tower of Spears” star Joe Dempster)"
    # ("(The Corrie Letters‘ AnnaMaria Robbe)": a plural's possessive, typed with either quote)
    poss = next((p for p in range(close - 1, k, -1) if sent.t(p) in ("'s", "'") or sent.t(p) in _SHOW_STAR
                 or sent.t(p) in ("’", "‘") and sent.t(p - 1).endswith("s")), None)
    if poss is None or poss == k + 1 or "," in sent.words(k + 1, poss):
        return False  # "(Doctor When, Marlin's Iron Palm)": a list of earlier credits
    actor = sent.name_at(poss + 1, "name")
    if actor is None or actor.j != close or len(actor.text.split()) < 2 or not ctx.looks_person(actor.text):
        return False
    owner = sent.name_before(poss, "name") if sent.t(poss) == "'s" and sent.t(poss - 2) != "The" else None
    if owner is not None and (" " in owner.text and is_given_name(owner.text.split()[0]) and not ctx.is_work(owner.text)
                              or fold(owner.text) in ctx.org_keys or ctx.looks_org(owner.text)):
        return False  # "(Stan Lee's Lucky Man)", "(Corvane's Dark Rooms)": a person's or a network's show, an earlier credit
    left = sent.name_before(k, "name")
    if left is None or left.possessive or ctx.looks_org(left.text) or ctx.is_work(left.text) or fold(left.text) in ctx.person_keys \
            or sent.t(left.i - 1).lower() in ROLE_WORDS:  # "lead writer Stephen Brady (…)": a person credited
        return False
    if " " not in left.text and ctx.surname_in_text(left.text):
        return False  # "Fox (Lumen+'s Slow Tide) has joined": a known actor's surname, then an earlier credit
    work = work_ref(ctx, sent, 0, left.i)
    pm, cm = ctx.person(actor), ctx.character(sent, left)
    ctx.performance(work, pm, cm, sent, 0.8)
    return True


_APPEARED_IN = re.compile(r"\b(?:appeared|starred|co-starred)\s+in\s+(?=[A-Z‘“'\"])")
#: Words between an earlier role's subject and "appeared in": "has also previously appeared in".
_BEFORE_APPEARED = frozenset("has have had having also previously notably recently once first".split())


def _appeared_in(ctx, sent, k):
    """ "A stars as B, having previously appeared in W1 and W2 as R": A played R in W1 and W2
    (an earlier role: the facts are about those works). The titles end at the "as" at token k."""
    for m in _APPEARED_IN.finditer(ctx.text, sent.start, sent.toks[k].start):
        i = sent.tok_at(m.end())
        titles = []
        while i < k:
            title = title_after(sent, i)
            if title is None or title.possessive or ctx.looks_org(title.text) or fold(title.text) in ctx.person_keys:
                break
            titles.append(title)
            i = title.j + (sent.t(title.j) in (",", "and")) + (sent.t(title.j) == "," and sent.t(title.j + 1) == "and")
        if not titles or titles[-1].j != k:
            continue
        b = sent.tok_at(m.start()) - 1
        while b > 0 and sent.t(b) in _BEFORE_APPEARED:
            b -= 1
        subject = _subject_of_cast_verb(ctx, sent, b) if sent.t(b) == "," else sent.name_before(b + 1, "name") if is_cap(sent.t(b)) else None
        role = role_slot(ctx, sent, k + 1)
        if subject is None or subject.possessive or not ctx.looks_person(subject.text) and fold(subject.text) not in ctx.person_keys \
                or role is None or ctx.looks_org(role.text) or ctx.is_work(role.text):
            return False
        pm = ctx.person(subject)
        pairs = [(t, role) for t in titles]
        more = _AS_WELL_AS.match(ctx.text, sent.toks[role.j - 1].end, sent.end)
        if more:
            # "..., as well as Vesta's Vixen in the role of Shane Brodie": one more earlier role
            i = sent.tok_at(more.end())
            owner = sent.name_at(i, "org")
            if owner is not None and owner.possessive:
                i = owner.j + 1
            title = title_after(sent, i)
            if title is not None and not title.possessive and sent.t(title.j) in ("as", "in"):
                r = title.j + 1 + 3 * (sent.words(title.j, title.j + 4) == ["in", "the", "role", "of"])
                other = role_slot(ctx, sent, r) if sent.t(title.j) == "as" or r > title.j + 1 else None
                if other is not None and not ctx.looks_org(other.text) and not ctx.is_work(other.text):
                    pairs.append((title, other))
        for t, r in pairs:
            ctx.performance(ctx.mention(t, "Work", t.start), pm, ctx.character(sent, r), sent, 0.8)
        sent._memo["earlier_roles_end"] = pairs[-1][1].j  # the "in the role of" read here is not read again
        return True
    return False


_AS_WELL_AS = re.compile(r",?\s+(?:as well as|and)\s+(?=[A-Z])")

#: An earlier appearance without a role: "was most recently seen in", "has also starred in".
_SEEN_IN = re.compile(r"\b(?:(?:was|were|been|is|be)\s+(?:(?:also|most|more|recently|previously|last|best|often)\s+)*seen"
                      r"|(?:co-|guest-)?starred|appeared)\s+in\s+(?=[A-Z‘“'\"]|the\s|an?\s|another\s)")
#: Words between the subject and its verb of appearing: "has also previously", "was most recently".
_BEFORE_SEEN = _BEFORE_APPEARED | frozenset("was were is been".split())


#: "the casting of A", "with the casting of actor and producer, A": what a casting announcement names.
_CASTING_OF = re.compile(r"\bcasting\s+of\s+(?:(?:[a-z-]+|,)\s*){0,4}?(?=[A-Z])")


def _casting_of(ctx, sent):
    """A casting announcement's noun phrase: "Lumen today announced the casting of A as Idris
    Kane in the drama Harrowgate", "a pilot based on 'Harrowgate' with the casting of actor and
    producer, A". The people named are cast members of the work named after them ("in X"), else
    of the sentence's work; "as R" names the role."""
    for m in _CASTING_OF.finditer(ctx.text, sent.start, sent.end):
        if re.search(r"\b(?:director|directors|call|agency)\b", m.group()):
            continue  # "the casting of director A", "a casting call of": not the cast
        items, end = people_list(ctx, sent, sent.tok_at(m.end()), False)
        people = [n for n, _, org in items if not isinstance(n, str) and org is None and ctx.looks_person(n.text)
                  and not ctx.is_work(n.text) and not ctx.looks_org(n.text)]
        if not people or len(people) != len(items):
            continue
        role = role_slot(ctx, sent, end + 1) if sent.t(end) == "as" and len(people) == 1 else None
        after = role.j if role is not None else end
        work = work_ref(ctx, sent, after, len(sent.toks)) if sent.t(after) == "in" else MAIN
        if work is MAIN:
            work = work_ref(ctx, sent, 0, sent.tok_at(m.start()))
        for name in people:
            pm = ctx.person(name)
            ctx.fact(work, "castMember", pm, sent, 0.8)
            if role is not None:
                cm = ctx.character(sent, role)
                ctx.fact(pm, "portrays", cm, sent, 0.8)
                ctx.fact(work, "hasCharacter", cm, sent, 0.8)


def _seen_in(ctx, sent):
    """ "Segal was most recently seen in the Lumen anthology series Dispatches alongside Sally
    Fielding", "She has also starred in Brightwater and Kestrel's Tall Order": an earlier
    appearance without a role makes the subject, and the people alongside, cast members of the
    works named. (With a role, "appeared in X as R", :func:`_appeared_in` reads it.)"""
    for m in _SEEN_IN.finditer(ctx.text, sent.start, sent.end):
        i = sent.tok_at(m.end())
        titles = []
        while len(titles) < 4:
            found = described_work(ctx, sent, i)
            title = found[0] if found is not None else title_after(sent, i)
            if title is None or title.possessive or ctx.looks_org(title.text) or fold(title.text) in ctx.person_keys \
                    or reads_as_person(ctx, title.text) or not (found or ctx.is_work(title.text) or opening_quote(sent, title.i - 1)):
                break  # ("appeared in New York"): a title the text knows, quotes or a description
            titles.append(title)
            i = title.j + (sent.t(title.j) in (",", "and")) + (sent.t(title.j) == "," and sent.t(title.j + 1) == "and")
            if i == title.j:
                break
        if not titles or sent.t(titles[-1].j) == "as" or sent.t(titles[-1].j + 1) == "as":
            continue
        b = sent.tok_at(m.start()) - 1
        while b > 0 and sent.t(b) in _BEFORE_SEEN:
            b -= 1
        if sent.t(b) == ")":
            b = _skip_back_to_subject(sent, b)  # "Rasmussen (KBX's Saltmarsh) starred in"
        if sent.t(b) in ("She", "He") and b == 0:
            people = resolve_pronoun(ctx, sent, 0, sent.t(b).lower())
        else:
            subject = sent.name_before(b + 1, "name") if is_cap(sent.t(b)) else None
            people = [subject] if subject is not None and not subject.possessive and known_person(ctx, subject) \
                and not ctx.is_work(subject.text) else []
        if len(people) != 1:
            continue
        people += _alongside_after(ctx, sent, titles[-1].j)
        for t in titles:
            work = ctx.mention(t, "Work", t.start)
            for p in people:
                ctx.fact(work, "castMember", ctx.person(p), sent, 0.75)


_KIN_OF = re.compile(r"\s+(?:the|a|an|his|her)\s+(?:[a-z-]+\s+)?([a-z-]+)\s+of\s+(?:the\s+)?(?:[a-z-]+\s+){0,3}?(?=[A-Z])")


def _alongside_after(ctx, sent, j):
    """ "stars A as Irene Cole, a retired judge, alongside Dev Osei": the people after
    "alongside" / "opposite" that follows a role's appositive (from token j), or []."""
    e = j
    while e < len(sent.toks) and e < j + 12 and sent.t(e) not in ("alongside", "opposite", "as", ";", ".", "("):
        e += 1
    if sent.t(e) not in ("alongside", "opposite") or not is_cap(sent.t(e + 1)):
        return []
    items, _ = people_list(ctx, sent, e + 1, False)
    return [n for n, _, org in items if not isinstance(n, str) and org is None and not n.possessive
            and ctx.looks_person(n.text) and not ctx.is_work(n.text)]


def _relative_of(ctx, sent, i, role):
    """ "as Michael Pettersen's son Clayton": the character named in the possessive before a
    role's relation noun (tokens [i, role.i)), a character of the same work; or None."""
    for x in range(i, role.i - 2):
        if not is_cap(sent.t(x)) or is_cap(sent.t(x - 1)):
            continue
        other = sent.name_at(x, "char")
        if other is None or not other.possessive or other.j + 2 != role.i or sent.t(other.j + 1) not in KIN_NOUNS:
            return None
        if ctx.looks_org(other.text) or ctx.is_work(other.text) or fold(other.text) in ctx.person_keys:
            return None
        return other
    return None


def _returns_to(ctx, sent, i, j):
    """ "is returning to Baxter in Season 8": the title after "returning to" in tokens [i, j)."""
    for r in range(i, j - 2):
        if sent.t(r) in ("returning", "returns", "return") and sent.t(r + 1) == "to":
            title = title_after(sent, r + 2)
            if title is not None and title.j <= j and not title.possessive and not ctx.looks_org(title.text) \
                    and fold(title.text) not in ctx.person_keys:
                return title
    return None


def _actors_after_description(ctx, sent, k):
    """ "his long-dead fiancée (Moon Bellwood)", "a pair of former best friends approaching
    midlife (Seth Rowan and Rose Byrde)": people named in full in a parenthesis after a
    plot's description are its cast (no role is named). Not after a job or credit word
    ("the showrunner (A)"), nor in a sentence of credits."""
    prev = sent.t(k - 1).lower()
    if prev in ROLE_WORDS or prev in JOB_TITLE_WORDS or prev in DESCRIPTORS or prev in ("by", "from", "with", "and", "or"):
        return
    items, end = people_list(ctx, sent, k + 1, False)
    names = [n for n, _, org in items if not isinstance(n, str) and org is None]
    if sent.t(end) != ")" or not names or len(names) != len(items) or any(
            n.possessive or len(n.text.split()) < 2 or not ctx.looks_person(n.text) or ctx.is_work(n.text)
            or fold(n.text) in ctx.character_keys for n in names):
        return
    work = _noun_titled_before(ctx, sent, k) or work_ref(ctx, sent, 0, k)
    for n in names:
        ctx.fact(work, "castMember", ctx.person(n), sent, 0.75)


def _noun_titled_before(ctx, sent, k):
    """The last title a work noun introduces before token k ("the comedy pilot Silver Service,
    about ..."), as a Work mention, or None."""
    for i in range(k - 2, 0, -1):
        if sent.t(i).lower() in _WORK_NOUN_WORDS | {"pilot"} and sent.t(i)[:1].islower() and is_cap(sent.t(i + 1)):
            title = title_after(sent, i + 1)
            if title is not None and title.j <= k and not title.possessive and not ctx.looks_org(title.text) \
                    and fold(title.text) not in ctx.person_keys:
                return ctx.mention(title, "Work", title.start)
    return None


#: Between a subject and "play": "has been tapped to", "is expected to", "was cast to".
_TAPPED_TO = re.compile(r"\s+(?:(?:has|have|had|is|are|was|were|will|would|also|been|be|now)\s+)*(?:tapped|set|cast|chosen|hired|signed on|"
                        r"attached|slated|expected|poised|due|going|picked|selected|booked|recruited|enlisted|hoping)\s+to\s+")
#: "Okafor is best known for playing R on S": the subject's earlier role, before "playing".
_KNOWN_FOR = re.compile(r"\s+(?:is|are|was|were)\s+(?:also\s+)?(?:best\s+|well\s+|widely\s+)?(?:known|famed|famous|recogni[sz]ed|"
                        r"remembered)\s+for\s+")
_PERFORMED = ("played", "voiced", "portrayed")


def _actor_in_paren(ctx, sent, k):
    """ "his daughter, Chloe (newcomer Kiera Alden)", "Sour Tooth (voiced by A, played by
    IWL's B aka C)": a role, then its actors in a parenthesis that says so. Returns whether
    the parenthesis was read."""
    people, p = [], k + 1
    if sent.t(p).capitalize() in _LEADING_DESCRIPTORS:
        actor = sent.name_at(p + 1, "name")
        if actor is None or actor.possessive or sent.t(actor.j) != ")" or not ctx.looks_person(actor.text):
            return False
        people.append(actor)
    while sent.t(p) in _PERFORMED and sent.t(p + 1) == "by":
        actor = sent.name_at(p + 2, "name")
        if actor is not None and actor.possessive:
            actor = sent.name_at(actor.j + 1, "name")  # "played by IWL's Joe Sevano"
        if actor is None or actor.possessive or not ctx.looks_person(actor.text):
            return False
        people.append(actor)
        p = actor.j
        if sent.t(p).lower() in ("aka", "a.k.a"):
            end = p + 1
            while end < p + 6 and sent.t(end) not in (")", ",", ";", ""):
                end += 1  # "aka Harbor Joe", "aka The Anvil": the same actor
            p = end
        if sent.t(p) == ")":
            break
        p += sent.t(p) in (",", ";", "and")
        p += sent.t(p) == "and"
    if not people or sent.t(people[-1].j) != ")" and sent.t(p) != ")":
        return False
    left = sent.name_before(k, "name")
    if left is None or left.possessive or ctx.looks_org(left.text) or ctx.is_work(left.text) or fold(left.text) in ctx.person_keys:
        return False
    work = work_ref(ctx, sent, 0, left.i)
    cm = ctx.character(sent, left)
    for actor in people:
        ctx.performance(work, ctx.person(actor), cm, sent, 0.8)
    return True


#: "as the headline cast for", "as the leads of": a cast named without roles.
_AS_THE_CAST = re.compile(r"\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}?(?:cast|leads|stars|ensemble)\s+(?:of|for|in)\s+")


def _as_the_cast(ctx, sent, k):
    """ "announced A, B and C as the headline cast for previously announced drama Glasswork":
    the people before "as" are cast members of the work after "cast for"."""
    last = sent.name_before(k, "name")
    if last is None or last.possessive or not ctx.looks_person(last.text) or ctx.is_work(last.text):
        return
    j = sent.tok_at(_AS_THE_CAST.match(ctx.text, sent.toks[k].end, sent.end).end())
    i = j
    while i < j + 5 and sent.t(i)[:1].islower():
        i += 1  # "previously announced drama"
    title = title_after(sent, i) if i > j and sent.t(i - 1).lower() in _WORK_NOUN_WORDS or i == j else None
    if title is not None and not title.possessive and not ctx.looks_org(title.text) and fold(title.text) not in ctx.person_keys:
        work = ctx.mention(title, "Work", title.start)
    else:
        work = work_ref(ctx, sent, j, len(sent.toks))
    for p in list_before(ctx, sent, last, always=True):
        ctx.fact(work, "castMember", ctx.person(p), sent, 0.8)


_AND_CREDITED_BY = re.compile(r"\s+and\s+(?:(?:co-)?executive[- ])?(?:produced|written|directed|created|co-created)\s+by\s+(?=[A-Z])")
#: A noun for performers between "includes" and their names: "includes notable actors A and B".
_ACTORS_NOUN = re.compile(r"\s+(?:[a-z-]+\s+){0,2}?(?:actors|actresses|stars|performers|cast members|co-stars)\s+(?=[A-Z])")
#: "features an ensemble cast of A, B and C": the list after it is a cast, whatever the subject.
_A_CAST_OF = re.compile(r"\s+(?:an?|the)\s+(?:[a-z-]+\s+){0,2}?(?:cast|ensemble)\s+(?:of|that includes|including)\s+(?=[A-Z])")
#: "among others" or "among other actors" between a cast verb and its list.
_AMONG_OTHERS = re.compile(r"\s*,?\s+among\s+(?:others|other\s+(?:actors|actresses|stars|performers|names))\s*[,:]?\s+(?=[A-Z])")
_IN_THE_CAST_BY = re.compile(r"\s+(?:in|on)\s+the\s+(?:cast|ensemble|film|series)\s+by\s+(?=[A-Z])")


#: "joins previously announced cast members A and B": the words before the names.
_CAST_NOUN_PHRASE = re.compile(r"\s+(?:the\s+)?(?:[a-z-]+\s+){0,3}?(?:cast\s*members|castmates|co-stars|stars|cast)\s+(?=[A-Z])")


def _cast_surname(ctx, word):
    """Whether a one-word name is the surname of someone already given a castMember fact."""
    w = fold(word)
    return any(f.p == "castMember" and hasattr(f.o, "name") and fold(f.o.name).split()[-1:] == [w] for f in ctx.facts)


#: A sentence that opens on the cast and names it after a copula: "Joining the cast are",
#: "Rounding out the ensemble are", "Also returning for the second season are".
_JOINING_ARE = re.compile(r"(?:also\s+)?(?:joining|rounding out|completing|returning|new to|back|starring|co-starring)\b"
                          r"(?:[^.;:()]{0,50}?|[^.;:(),]{0,40},\s+who\s+[^.;:(),]{0,80},)\s+"  # ("Joining A, who ..., is B")
                          r"(?:are|is|will be|were)\s+(?=[A-Z])", re.I)
#: An earlier work in a relative clause after a name: ", who starred in the 'Night Clerks'
#: revival".
_EARLIER_ROLE_IN = re.compile(
    r",\s+who\s+(?:also\s+|previously\s+|recently\s+)?(?:starred|co-starred)\s+(?:in|on)\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}?(?=[A-Z'‘“\"])")


#: A sentence on one person's earlier work: "Greer starred in Night Ferry and The Long Quiet."
_STARRED_IN = re.compile(r"\s+(?:also\s+|previously\s+|once\s+)?(?:starred|co-starred)\s+(?:in|on)\s+(?=[A-Z'‘“\"])")


def _starred_in(ctx, sent):
    """ "Greer starred in A and B.": the sentence's subject, a person, is a cast member of each."""
    person = sent.name_at(0, "name")
    m = _STARRED_IN.match(ctx.text, person.end, sent.end) if person is not None and not person.possessive else None
    if m is None or not (ctx.looks_person(person.text) or fold(person.text) in ctx.person_keys) or ctx.is_work(person.text):
        return
    titles, end = sent.names_list_at(sent.tok_at(m.end()), "title")
    if sent.t(end) not in (".", ";", ""):
        return  # "starred in A as R", "in A opposite B": read by other rules
    for t in titles:
        if not t.possessive and not ctx.looks_org(t.text) and fold(t.text) not in ctx.person_keys:
            ctx.fact(ctx.mention(t, "Work", t.start), "castMember", ctx.person(person), sent, 0.75)


#: A person's role in another work, stated in prose after their name: "A, famed for his role
#: in 'W'", "A is best known for her breakout role on W", "A gears up for her role in Sony's 'W'".
#: (Their "work on" or "appearances in" W is no role: no fact.)
_FOR_ROLE_IN = re.compile(r",?\s+(?:[a-z-]+\s+){0,4}?for\s+(?:his|her|their)\s+(?:[a-z-]+\s+){0,2}?roles?\s+(?:in|on)\s+"
                          r"(?:the\s+)?(?:[a-z-]+\s+){0,2}?(?=[A-Z'‘“\"])")


def _known_for_role_in(ctx, sent):
    """ "A, known for his role in W": the person named just before the phrase is a cast member
    of W (as with "known for playing R on W"; no character named, so castMember only)."""
    for k, tok in enumerate(sent.toks):
        if tok.text not in ("his", "her", "their") or sent.t(k - 1) != "for":
            continue
        person = None
        for b in range(k - 1, max(-1, k - 8), -1):  # the name the phrase follows
            if is_cap(sent.t(b)):
                person = sent.name_before(b + 1, "name")
                break
        m = _FOR_ROLE_IN.match(ctx.text, person.end, sent.end) if person is not None and not person.possessive else None
        if m is None or m.end() <= tok.start or ctx.is_work(person.text) \
                or not (ctx.looks_person(person.text) or fold(person.text) in ctx.person_keys):
            continue
        i = sent.tok_at(m.end())
        while True:
            title = title_after(sent, i)
            if title is not None and title.possessive:
                title = title_after(sent, title.j + (sent.t(title.j) == "'s"))  # "her role in Vesta's 'Tremble'"
            if title is None or title.possessive or ctx.looks_org(title.text) or fold(title.text) in ctx.person_keys:
                break
            ctx.fact(ctx.mention(title, "Work", title.start), "castMember", ctx.person(person), sent, 0.75)
            e = title.j + (sent.t(title.j) in ("'", "’", "”", '"'))
            if sent.t(e) == "on" and is_cap(sent.t(e + 1)):
                platform = sent.name_at(e + 1, "org")  # "her roles in 'A' on Brightwater and B": A's platform
                e = platform.j if platform is not None and not platform.possessive else e
            if "roles" not in m.group() or sent.t(e) not in (",", "and"):
                break  # "their roles in A, B and C": each title of the list
            i = e + 1 + (sent.t(e + 1) == "and")


def _earlier_role_in(ctx, sent):
    """The person before ", who starred in X" is a cast member of X."""
    for m in _EARLIER_ROLE_IN.finditer(ctx.text, sent.start, sent.end):
        k = sent.tok_at(m.start())
        person = sent.name_before(k, "name")
        title = title_after(sent, sent.tok_at(m.end()))
        if person is None or person.possessive or not ctx.looks_person(person.text) or title is None or title.possessive \
                or ctx.looks_org(title.text) or fold(title.text) in ctx.person_keys:
            continue
        ctx.fact(ctx.mention(title, "Work", title.start), "castMember", ctx.person(person), sent, 0.75)


_JOINING_WORDS = frozenset("also joining rounding completing returning new back starring co-starring".split())
#: "The ensemble is led by", "the cast is rounded out by".
_CAST_LED_BY = re.compile(r"\b(?:cast|ensemble|lineup|line-up)\s+(?:is|are|will be|was)\s+(?:led|headlined|topped|fronted|"
                          r"rounded out|completed)\s+by\s+(?=[A-Z])", re.I)


#: A work featuring its cast: "The series features A and B", "will also feature guest stars such as",
#: "will feature the voices of".
_FEATURES = re.compile(r"\b(?:(?:will|to)\s+(?:also\s+)?feature|(?:also\s+)?features)\s+"
                       r"(?:(?:the\s+)?(?:voices?|voice\s+talents?|talents)\s+of\s+"
                       r"|(?:[a-z-]+\s+){0,2}(?:guest[- ]stars?|guests|cameos|appearances|stars|actors)\s+(?:by\s+|from\s+|such\s+as\s+|including\s+)?)?"
                       r"(?=[A-Z])")
#: What features people without casting them: a trailer, a poster, an episode.
_NOT_CAST_FEATURES = re.compile(r"\b(?:trailer|teaser|poster|clip|image|images|photo|photos|video|episode|issue|"
                                r"podcast|event|panel|lineup|line-up|festival|soundtrack|album)\b", re.I)


def _features_people(ctx, sent):
    """ "The new animated show will also feature guest stars such as A, B and C": the people a
    work (its subject) features are its cast."""
    for m in _FEATURES.finditer(ctx.text, sent.start, sent.end):
        k = sent.tok_at(m.start())
        subject = ctx.text[sent.start:m.start()]
        if _NOT_CAST_FEATURES.search(subject) or not (any(WORK_NOUN_RE.match(w) for w in re.findall(r"[\w'-]+", subject))
                                                     or any(i < k for i, _, _ in locate_works(ctx, sent))):
            continue
        items, _ = people_list(ctx, sent, sent.tok_at(m.end()), False)
        people = [n for n, _, org in items if not isinstance(n, str) and org is None and not n.possessive
                  and not ctx.is_work(n.text) and not ctx.looks_org(n.text)
                  and (known_person(ctx, n) or " " not in n.text and len(items) > 2)]  # "..., Retta, and B": one name
        if len(people) != len(items) or not any(" " in p.text for p in people):
            continue  # a list of things, not people
        work = work_ref(ctx, sent, 0, k)
        for p in people:
            ctx.fact(work, "castMember", ctx.person(p), sent, 0.75)


#: "A will appear as a guest star", "B and C also appear as special guest stars".
_APPEAR_AS_GUEST = re.compile(r"\b(?:will\s+)?(?:also\s+)?appears?\s+as\s+(?:a\s+)?(?:special\s+)?guest(?:[- ]stars?)?\b")


def _guest_appearance(ctx, sent):
    """ "Academy Award nominee Bryan Crane will appear as a guest star": the subject, named just
    before the verb, is in the cast."""
    for m in _APPEAR_AS_GUEST.finditer(ctx.text, sent.start, sent.end):
        k = sent.tok_at(m.start())
        last = sent.name_before(k, "name") if is_cap(sent.t(k - 1)) else None
        if last is None or last.possessive or not known_person(ctx, last) or ctx.is_work(last.text) or ctx.looks_org(last.text):
            continue
        work = work_ref(ctx, sent, 0, last.i)
        for p in list_before(ctx, sent, last, always=True):
            ctx.fact(work, "castMember", ctx.person(p), sent, 0.75)


def _cast_list_after_copula(ctx, sent):
    """The people listed after "Joining the cast are" or "The ensemble is led by" are cast
    members (their roles, in parentheses or after "as", are read by the token rules)."""
    first = sent.t(0).lower()
    m = _JOINING_ARE.match(ctx.text, sent.start, sent.end) if first in _JOINING_WORDS else None
    if m is None and "ed by" in sent.text and ("cast" in sent.text or "ensemble" in sent.text or "line" in sent.text):
        m = _CAST_LED_BY.search(ctx.text, sent.start, sent.end)
    if m is None:
        return
    k = sent.tok_at(m.end())
    items, _ = people_list(ctx, sent, k, False)
    work = credit_work(ctx, sent, 0, k)
    joined = sent.name_at(1, "name") if first == "joining" and is_cap(sent.t(1)) else None
    if joined is not None and not joined.possessive and sent.t(joined.j) in (",", "is", "are") and known_person(ctx, joined):
        items = [(joined, None, None)] + items  # "Joining Ben Marlow, who ..., is A": the one joined is cast too
    for name, _, org in items:
        if isinstance(name, str) or org is not None or name.possessive or ctx.is_work(name.text) or ctx.looks_org(name.text):
            continue
        if ctx.looks_person(name.text) or fold(name.text) in ctx.person_keys:
            ctx.fact(work, "castMember", ctx.person(name), sent, 0.8)


_CAST_IN_NOUNS = frozenset("series show drama comedy film movie pilot thriller limited miniseries".split())


def _cast_in(ctx, sent, k):
    """ "Erinn Westmore has been cast in the series", "X was cast in The Amber Throne": the
    subject is a cast member of the text's work or of the known title after "in"."""
    b = k - 1
    if sent.t(b - 2) == "among" and sent.t(b - 1) == "the":
        b -= 3  # "A and B are among the actors cast for upcoming feature “X”"
    while b >= 0 and sent.t(b) in ("has", "have", "had", "been", "was", "were", "is", "are", "be", "also", "now", "will", "just"):
        b -= 1
    if b < 0 or not is_cap(sent.t(b)):
        return
    person = sent.name_before(b + 1, "name")
    if person is None or person.possessive or not ctx.looks_person(person.text) or ctx.is_work(person.text):
        return
    people, j = list_before(ctx, sent, person, always=True), k + 2  # "A, B and C have been cast in the film"
    if sent.t(k + 1) in ("opposite", "alongside"):
        # "Priya Sandor has been cast opposite Tomas Greer in Lowmoor": both are its cast
        items, j = people_list(ctx, sent, k + 2, False)
        people += [n for n, _, org in items if not isinstance(n, str) and org is None and ctx.looks_person(n.text)
                   and not ctx.is_work(n.text)]
        if sent.t(j) not in ("in", "for"):
            return
        j += 1
    if sent.words(j, j + 4) == ["the", "leading", "role", "in"] or sent.words(j, j + 4) == ["the", "lead", "role", "in"]:
        j += 4  # "cast in the leading role in the KBX drama X"
    title = title_after(sent, j)
    described = described_work(ctx, sent, j)
    if title is not None and not title.possessive and ctx.is_work(title.text):
        work = ctx.mention(title, "Work", title.start)
    elif described is not None:
        work = ctx.mention(described[0], "Work", described[0].start)  # "cast in the KBX's TV series Harbour Lights"
    elif sent.t(j) == "the" and sent.t(j + 1).lower() in _CAST_IN_NOUNS:
        work = credit_work(ctx, sent, 0, person.i)
    elif later := next((w for w in locate_works(ctx, sent) if j < w[0] <= j + 5
                        and all(sent.t(x).islower() or sent.t(x) in ("“", '"', "‘") for x in range(j, w[0]))), None):
        work = work_mention(ctx, sent, *later)  # "cast for upcoming indie feature “X”": descriptors before the title
    else:
        return  # "cast in a new role", "cast in the upcoming second season of": read elsewhere
    for p in people:
        ctx.fact(work, "castMember", ctx.person(p), sent, 0.8)


_CLAUSE_VERBS = frozenset("step steps take takes join joins is are was were will has have come comes serve serves "
                          "become becomes lead leads".split())


def _clause_after(sent, j):
    """Whether the name ending at token j is the subject of a verb (over a parenthesis and
    "and <Name> (...)"): then the "as" before it is a conjunction, not a role."""
    def past_paren(i):
        if sent.t(i) != "(":
            return i
        e = i
        while e < len(sent.toks) and e < i + 12 and sent.t(e) != ")":
            e += 1
        return e + 1 if sent.t(e) == ")" else i
    i = past_paren(j)
    if sent.t(i) == "and" and is_cap(sent.t(i + 1)):
        other = sent.name_at(i + 1, "name")
        if other is not None:
            i = past_paren(other.j)
    return sent.t(i) in _CLAUSE_VERBS


def _is_role(ctx, sent, k):
    """ "Stroud is Wade Kessler, a logging heir", "and Pate is Brother Dusk, the current
    Emperor": an actor met before, by surname, "is" a character named in full."""
    verb = k
    credited = sent.t(k - 1) == ")"  # "Wyatt Ross (Lodge 49) is Dan Lafferty": an actor, with an earlier credit
    if credited:
        k = next((x for x in range(k - 2, max(-1, k - 20), -1) if sent.t(x) == "("), -1)
        if k < 1:
            return
    left = sent.name_before(k, "name")
    if left is None or left.possessive or fold(left.text) in ctx.character_keys:
        return
    if len(left.text.split()) == 1 and fold(left.text) not in ctx.person_keys:
        return
    if len(left.text.split()) > 1 and not (ctx.looks_person(left.text) and (credited or sent.t(left.i - 1) == "and" and sent.t(left.i - 2) == ",")):
        return  # in full only as a clause of a cast list: "A plays B, and Otto Vanterpool is Marshal Eli Gage."
    role = sent.name_at(verb + 1, "char")
    if role is None or role.possessive or len(role.text.split()) < 2 or sent.t(role.j) not in (",", ".", "", ";", "and") \
            or fold(role.text) in ctx.person_keys or ctx.looks_org(role.text) or ctx.is_work(role.text) \
            or any(w.lower() in JOB_TITLE_WORDS for w in role.text.split()):
        return  # "Roe is Executive Vice President": a job, not a role
    work = credit_work(ctx, sent, 0, left.i)
    ctx.performance(work, ctx.person(left), ctx.character(sent, role), sent, 0.75)


#: Verbs before "the cast" whose subjects are cast members: "joins the cast", "will lead the
#: cast of X", "head the ensemble" ("round out the cast" is read at "out").
_JOIN_CAST_VERBS = frozenset("joins join joined joining lead leads led head heads headline headlines".split())


#: After the people a sentence opens with: the verbs that make them new cast members.
_NEW_CAST_VERB = re.compile(r"\s*(?:(?:will|have|has|are|also|both|all|been|set|to)\s+)*(?:star|lead|join|head|headline|front|topline|round out|co-star|cast)\b")


def _new_cast_subjects(ctx, sent, name):
    """Whether ``name`` is one of the people the sentence opens with, and they "will star",
    "lead the cast", "have joined": then a parenthesis after each is an earlier credit."""
    items, end = people_list(ctx, sent, 0, False)
    return 0 < end < len(sent.toks) and any(not isinstance(n, str) and n.i == name.i for n, _, _ in items) \
        and _NEW_CAST_VERB.match(ctx.text, sent.toks[end - 1].end, sent.end) is not None


#: After "<Actor>'s character": the verb that names the role ("will be named", "is called").
_NAMED_AFTER = re.compile(r"\s+(?:will be|is|was|has been)\s+(?:named|called)\s+")


def _subject_list(ctx, sent, last, k):
    """The people a sentence opens with, over the parentheses of their earlier credits, when
    ``last`` (the name before the verb at token k) closes that list: "A (X, Y) and B (Z) will lead
    the cast", "A (Run Soft) & B (Headache) will star in". Else ``last`` and the names listed
    before it."""
    items, end = people_list(ctx, sent, 0, False)
    if last.i < end <= k and all(not isinstance(n, str) and org is None for n, _, org in items):
        return [n for n, _, _ in items if not n.possessive and ctx.looks_person(n.text) and not ctx.is_work(n.text)]
    return list_before(ctx, sent, last, always=True)


#: After "signed": an actor's part taken ("signed on as series regulars", "signed on to star").
_SIGNED_ON = re.compile(r"\s+(?:on\s+)?(?:as\s+(?:an?\s+)?(?:series\s+)?(?:regulars?|leads?|recurring|guest\s+stars?|stars?)\b|to\s+(?:star|co-star|appear)\b)")


def _joins_the_cast(ctx, sent, k):
    """ "Fennick Ashdown, best known for playing X on Y, also joins the cast.": the subject,
    over an appositive, is a cast member of the work named after "cast of", else the text's."""
    b = k - 1 - (sent.t(k) == "out")
    if sent.t(k) == "joining" and sent.t(b) == ",":
        # "..., with A (credits), B (credits), and C (credits), joining the cast for season two":
        # the people after "with" join
        w = max((x for x in range(b) if sent.t(x) == "with"), default=-1)
        items, end = people_list(ctx, sent, w + 1, False) if w >= 0 and is_cap(sent.t(w + 1)) else ([], -1)
        people = [n for n, _, org in items if not isinstance(n, str) and org is None and not n.possessive
                  and ctx.looks_person(n.text) and not ctx.is_work(n.text)]
        if people and len(people) == len(items) and end in (b, b + 1):
            work = work_ref(ctx, sent, k + 4, k + 12) if sent.t(k + 3) == "of" else credit_work(ctx, sent, 0, w)
            for p in people:
                ctx.fact(work, "castMember", ctx.person(p), sent, 0.8)
            return
    while b >= 0 and sent.t(b) in ("will", "also", "has", "have", "to", "set", "officially", "now", "is", "are", "be", "all", "both"):
        b -= 1
    paren = sent.t(b) == ")"
    if paren:
        b = _skip_back_to_subject(sent, b)  # "A (X, Y) and B (Z) will lead the cast"
    if sent.t(b) in ("”", '"') and sent.t(b - 1) == ",":
        b -= 1  # "A, known for “X” and “Y,” has joined": the appositive's comma inside its quote
    if sent.t(b) == ",":
        b = _appositive_subject(ctx, sent, b)
    if b < 0 or not is_cap(sent.t(b)):
        return
    last = sent.name_before(b + 1, "name")
    if last is None or last.possessive or not ctx.looks_person(last.text) or ctx.is_work(last.text):
        return
    work = work_ref(ctx, sent, k + 4, k + 12) if sent.t(k + 3) == "of" else credit_work(ctx, sent, 0, last.i)
    people = _subject_list(ctx, sent, last, k) if paren else list_before(ctx, sent, last, always=True)
    for p in people:
        ctx.fact(work, "castMember", ctx.person(p), sent, 0.8)


#: Between the people and "reprise": "have all been confirmed to", "are set to", "will also".
_BEFORE_REPRISE = frozenset("will also all both have has are is be been set to confirmed expected due slated poised".split())


#: After "return": "to the series", "to the show": a return to the cast (not "to Netflix", "for a season").
_RETURN_TO_SHOW = re.compile(r"\s+to\s+the\s+(?:series|show|drama|comedy|cast)\b")


def _reprise_roles(ctx, sent, k):
    """ "A (X, Y) and B (Z) reprise their roles", "A, B and C have all been confirmed to reprise
    their roles": a returning cast without the roles named (with them, "as" is read above).
    The subject list, over its parentheses of earlier credits, is the work's cast."""
    b = k - 1
    while b >= 0 and sent.t(b).lower() in _BEFORE_REPRISE:
        b -= 1
    paren = sent.t(b) == ")"
    if paren:
        b = _skip_back_to_subject(sent, b)
    if b < 0 or not is_cap(sent.t(b)):
        return
    last = sent.name_before(b + 1, "name")
    if last is None or last.possessive or not ctx.looks_person(last.text) or ctx.is_work(last.text):
        return
    work = credit_work(ctx, sent, 0, last.i)
    people = _subject_list(ctx, sent, last, k) if paren else list_before(ctx, sent, last, always=True)
    for p in people:
        ctx.fact(work, "castMember", ctx.person(p), sent, 0.8)


def _joins_work(ctx, sent, k):
    """ "Dan Kim (Lost) and John Slate (Mad Hats) have joined Harbour Lights": people joining a
    work the text names are its cast. Returns whether the object was such a work."""
    title = title_after(sent, k + 1)
    if title is None or title.possessive or not ctx.is_work(title.text) or ctx.looks_org(title.text) \
            or sent.t(title.j) not in (".", ",", ";", "", "as", "for", "in", "and"):
        return False
    b = k - 1
    while b >= 0 and sent.t(b) in ("will", "also", "has", "have", "had", "officially", "now", "recently"):
        b -= 1
    paren = b > 0 and sent.t(b) == ")"
    if paren:
        b = _skip_back_to_subject(sent, b)
    if b < 0 or not is_cap(sent.t(b)):
        return True
    last = sent.name_before(b + 1, "name")
    if last is None or last.possessive or not known_person(ctx, last) or ctx.is_work(last.text) or ctx.looks_org(last.text) \
            or sent.t(last.i - 1).lower() in ROLE_WORDS:
        return True  # ("writer A joined X": a credit, read by the credits rule)
    people = _subject_list(ctx, sent, last, k) if paren else list_before(ctx, sent, last, always=True)
    work = ctx.mention(title, "Work", title.start)
    for p in people:
        ctx.fact(work, "castMember", ctx.person(p), sent, 0.8)
    return True


def _replaces_in(ctx, sent, k):
    """ "Josh Brill (Jonah Hess) has replaced Sean Pike in the upcoming film Cartel": the subject
    takes the part in the work named after the one replaced (who is no longer cast)."""
    gone = sent.name_at(k + 1, "name")
    if gone is None or gone.possessive or not ctx.looks_person(gone.text) or sent.t(gone.j) not in ("in", "on"):
        return
    found = described_work(ctx, sent, gone.j + 1)
    title = found[0] if found is not None else title_after(sent, gone.j + 1)
    if title is None or title.possessive or not (found or ctx.is_work(title.text)) or ctx.looks_org(title.text):
        return
    b = k - 1
    while b >= 0 and sent.t(b) in ("has", "have", "had", "will", "officially", "now", "recently", "reportedly"):
        b -= 1
    if b > 0 and sent.t(b) == ")":
        b = _skip_back_to_subject(sent, b)
    subject = sent.name_before(b + 1, "name") if b >= 0 and is_cap(sent.t(b)) else None
    if subject is not None and not subject.possessive and known_person(ctx, subject) and not ctx.is_work(subject.text):
        ctx.fact(ctx.mention(title, "Work", title.start), "castMember", ctx.person(subject), sent, 0.75)


def _joins_people(ctx, sent, k):
    """ "Solano joins Brooke Smyth, Omar Masoud and Sunhee Park", "A, B and C will join D, E
    and F in October", "Okafor joins previously announced cast members A and B": people
    joining people already cast are all cast members."""
    m = _CAST_NOUN_PHRASE.match(ctx.text, sent.toks[k].end, sent.end)
    if m is None and _joins_work(ctx, sent, k):
        return
    start = sent.tok_at(m.end()) - 1 if m else k
    objects, end = people_list(ctx, sent, start + 1, False)
    people = [n for n, _, org in objects if not isinstance(n, str) and org is None]
    if not people or len(people) != len(objects) or sent.t(end) == "'s" or any(
            n.possessive or not ctx.looks_person(n.text) or ctx.is_work(n.text) for n in people):
        return
    b = k - 1
    while b >= 0 and sent.t(b) in ("will", "also", "has", "have", "to", "set", "officially", "now"):
        b -= 1
    if b > 0 and sent.t(b) == ")" and sent.t(b + 1) == "to":
        b = _skip_back_to_subject(sent, b)  # "added A (Bright Days) to star alongside B"
    if b < 0 or not is_cap(sent.t(b)):
        return
    if b == 0 and sent.t(0) in ("They", "She", "He") and m is not None:
        # "They join the previously cast A and B": the people already cast are cast members
        for p in people:
            ctx.fact(work_ref(ctx, sent, 0, len(sent.toks)), "castMember", ctx.person(p), sent, 0.75)
        return
    last = sent.name_before(b + 1, "name")
    if last is None or last.possessive or ctx.is_work(last.text) or ctx.looks_org(last.text) \
            or not (ctx.looks_person(last.text) or len(people) > 1):
        return  # "Solano joins A and B": a surname met in a credit before is a person too
    if sent.t(last.i - 1).lower() in ROLE_WORDS:
        _credited_join(ctx, sent, last, end)
        return  # "writer Doug Jung will join A and B": joining the writers, not the cast
    # "... will join D, E and F in October": the work right after the list, else one before
    work = work_ref(ctx, sent, end, end + 6) if sent.t(end) in ("in", "on") else work_ref(ctx, sent, 0, k)
    for p in list_before(ctx, sent, last, always=True) + people:
        ctx.fact(work, "castMember", ctx.person(p), sent, 0.8)


def _credited_join(ctx, sent, last, end):
    """ "“Monk” writer A and “Veep” writer B will join C and D for the second season": each
    subject joins the text's work in the credit its role word names (the credit before each
    name is the earlier work's, read by the credits rule)."""
    role = ROLE_WORDS[sent.t(last.i - 1).lower()]
    names, b = [last], last.i - 1
    while True:
        k = b - 1
        if sent.t(k) in ("”", '"', "’", "'"):  # the earlier work's title in quotes
            k -= 1
            while k > 0 and sent.t(k) not in ("“", '"', "‘", "'"):
                k -= 1
            k -= 1
        if sent.t(k) not in (",", "and"):
            break
        k -= sent.t(k) == "and" and sent.t(k - 1) == ","
        prev = sent.name_before(k, "name")
        if prev is None:
            break
        if sent.t(prev.i - 1).lower() not in ROLE_WORDS or ROLE_WORDS[sent.t(prev.i - 1).lower()] != role:
            break
        names.insert(0, prev)
        b = prev.i - 1
    work = work_ref(ctx, sent, end, len(sent.toks))
    for rel in role.split("+"):
        for n in names:
            ctx.fact(work, rel, ctx.person(n), sent, 0.75)


#: A plot summary's verb after its work: "Quiet Service follows senior MI6 officer, Kate Hendry".
_PLOT_VERB = re.compile(r"\s+(?:follows|followed|centers on|centres on|centered on|centred on|revolves around|focuses on|focused on)\s+")


#: The nouns a plot summary describes its heroes by, before a one-word name: "small-town girl Lily".
_PLOT_PERSON_NOUNS = KIN_NOUNS | frozenset(
    "girl boy woman man teen teenager detective officer lawyer attorney doctor surgeon neurosurgeon nurse agent cop "
    "widow widower student teacher heiress heir orphan".split())


def _plot_character(ctx, sent):
    """ "<Work> follows <description> <Full Name>": the character a work's plot summary is
    about (a character named only in a plot summary still belongs to the work)."""
    for m in _PLOT_VERB.finditer(ctx.text, sent.start, sent.end):
        v = sent.tok_at(m.start() + 1)
        a = subject_start(sent)  # (after "According to Variety, ...")
        if sent.t(v - 1) == ",":
            # "The series, an adaptation of ..., follows": the subject before its appositive
            v = next((x for x in range(a + 1, v - 1) if sent.t(x) == ","), v)
        works = [w for w in locate_works(ctx, sent) if w[1] in (v, v - 1) and w[0] <= a + 1 + (sent.t(a) in ("“", '"', "‘", "'"))]
        if works:
            work = work_mention(ctx, sent, *works[0])
        elif v == 2 and sent.t(0) == "The" and sent.t(1) in _CAST_IN_NOUNS:
            work = work_ref(ctx, sent, 0, 0)  # "The series follows ..."
        else:
            continue
        i, steps = sent.tok_at(m.end()), 0
        while steps < 8 and (sent.t(i)[:1].islower() and (sent.t(i).isalpha() or "-" in sent.t(i)) or sent.t(i) == ","
                             or sent.t(i)[:1].isdigit() or is_upper_word(sent.t(i))):
            if sent.t(i) in ("who", "which", "that", "and", "or", "of", "with", "as"):
                break
            i, steps = i + 1, steps + 1
        if not is_cap(sent.t(i)) or sent.t(i - 1) in ("of", "with"):
            continue
        char = sent.name_at(i, "char")
        one_named = char is not None and steps >= 1 and sent.t(char.j) in (",", "who") \
            and (is_given_name(char.text) or sent.t(i - 1).lower() in _PLOT_PERSON_NOUNS)
        # ("follows small-town girl Lily, who ...": a described heroine by her given name)
        if char is None or char.possessive or len(char.text.split()) < 2 and not one_named or fold(char.text) in ctx.person_keys \
                or ctx.looks_org(char.text) or ctx.is_work(char.text) or sent.t(char.j) not in (",", ".", "", "(", "who", "as", ";"):
            continue
        ctx.fact(work, "hasCharacter", ctx.character(sent, char), sent, 0.7)


#: "is back for season three of the legal drama", "returns for a second season of".
_BACK_FOR_SEASON = re.compile(r"\s+(?:is|are)?\s*(?:back|returns|return|returning)\s+for\s+(?:the\s+|a\s+)?(?:season\s+\w+|\w+\s+season)\s+of\s+"
                              r"(?:the\s+)?(?:[a-z-]+\s+){0,3}?(?=[A-Z“\"‘])")


def _back_for_season(ctx, sent):
    """ "Kristin Kroll is back for season three of the legal drama WEIGHT OF PROOF": the
    subject is a cast member of the work named after "of"."""
    for m in _BACK_FOR_SEASON.finditer(ctx.text, sent.start, sent.end):
        k = sent.tok_at(m.start() + 1)
        if not is_cap(sent.t(k - 1)):
            continue
        last = sent.name_before(k, "name")
        title = title_after(sent, sent.tok_at(m.end()))
        if last is None or last.possessive or not known_person(ctx, last) or ctx.is_work(last.text) or title is None \
                or title.possessive or ctx.looks_org(title.text) or fold(title.text) in ctx.person_keys:
            continue
        work = ctx.mention(title, "Work", title.start)
        for p in list_before(ctx, sent, last, always=True, surnames=True):
            ctx.fact(work, "castMember", ctx.person(p), sent, 0.8)


#: "was also the lead of Vesta's bubble drama", "is the star of the comedy".
_LEAD_OF = re.compile(r"\s+(?:was|is|had been|has been)\s+(?:also\s+)?the\s+(?:lead|star|co-star|title character)\s+(?:of|in|on)\s+"
                      r"(?:(?:the|a)\s+)?")


def _lead_of(ctx, sent):
    """ "Its star, Hollins, was also the lead of Vesta's bubble drama Found Blameless": the
    subject is a cast member of the title named after "of" (an earlier role stated in prose)."""
    for m in _LEAD_OF.finditer(ctx.text, sent.start, sent.end):
        k = sent.tok_at(m.start() + 1)
        b = k - 1 - (sent.t(k - 1) == ",")
        if not is_cap(sent.t(b)):
            continue
        person = sent.name_before(b + 1, "name")
        i = sent.tok_at(m.end())
        owner = sent.name_at(i, "org") if is_cap(sent.t(i)) else None
        if owner is not None and owner.possessive:
            i = owner.j + 1  # "Vesta's"
        while i < len(sent.toks) and sent.t(i)[:1].islower() and sent.t(i).isalpha():
            i += 1  # "bubble drama"
        title = title_after(sent, i)
        if title is not None and not (sent.t(i - 1).lower() in _WORK_NOUN_WORDS or ctx.is_work(title.text)):
            title = None  # "the star of the evening", "the lead of Team Blue": no title a work noun or the text introduces
        if person is None or person.possessive or not known_person(ctx, person) or title is None or title.possessive \
                or ctx.looks_org(title.text) or fold(title.text) in ctx.person_keys:
            continue
        ctx.fact(ctx.mention(title, "Work", title.start), "castMember", ctx.person(person), sent, 0.75)


#: "A and B lead the cast", "C heads the supporting cast", "D and E round out the ensemble".
_LEAD_THE_CAST = re.compile(r"\s+(?:also\s+)?(?:lead|leads|head|heads|headline|headlines|front|fronts|top|tops|round out|rounds out|"
                            r"complete|completes)\s+the\s+(?:[a-zA-Z-]+\s+)?(?:cast|ensemble|production|series|drama|film|project)\b"
                            r"(?P<more>,?\s+(?:along\s+with|alongside|with)\s+)?")


def _lead_the_cast(ctx, sent):
    """The subjects of "lead the cast" / "round out the ensemble" are cast members."""
    for m in _LEAD_THE_CAST.finditer(ctx.text, sent.start, sent.end):
        k = sent.tok_at(m.start() + 1)
        while sent.t(k - 1) in ("also", "will", "to", "set", "now"):
            k -= 1
        paren = sent.t(k - 1) == ")"
        b = _skip_back_to_subject(sent, k - 1) if paren else k - 1  # "A (X) and B (Y) will headline the production"
        if not is_cap(sent.t(b)) or paren and re.match(r"\s+(?:of|in)\b", ctx.text[m.end():]):
            continue  # ("A (X) and B (Y) will lead the cast of Z": the cast of Z is other rules')
        last = sent.name_before(b + 1, "name")
        if last is None or last.possessive or not known_person(ctx, last) or ctx.is_work(last.text):
            continue
        work = credit_work(ctx, sent, 0, last.i)
        people = _subject_list(ctx, sent, last, k) if paren else list_before(ctx, sent, last, always=True, surnames=True)
        if m.group("more"):  # "A and B will headline the production, along with C and D"
            items, _ = people_list(ctx, sent, sent.tok_at(m.end()), False)
            people += [x for x, _, org in items if not isinstance(x, str) and org is None
                       and ctx.looks_person(x.text) and not ctx.is_work(x.text)]
        for p in people:
            ctx.fact(work, "castMember", ctx.person(p), sent, 0.8)


_PLAYS_AFTER = frozenset("plays play stars star portrays portray is".split())


def _in_work_plays(ctx, sent):
    """ "In A Tuscan Reunion, Rhea Blom plays a nervous bride": the subject is in the cast of the
    known title the fronted "In" names (her role, named or not, is other rules')."""
    title = title_after(sent, 1)
    if title is None or title.possessive or not ctx.is_work(title.text) or sent.t(title.j) != ",":
        return
    person = sent.name_at(title.j + 1, "name")
    if person is None or person.possessive or not known_person(ctx, person) or ctx.is_work(person.text) \
            or sent.t(person.j).lower() not in _PLAYS_AFTER:
        return
    ctx.fact(ctx.mention(title, "Work", title.start), "castMember", ctx.person(person), sent, 0.8)


#: "A and B will headline the next movie in the lineup, <Title>": the work named after the comma.
_LEAD_THE_WORK = re.compile(r"\s+(?:will\s+|also\s+)*(?:headline|headlines|lead|leads|front|fronts|topline|toplines)\s+(?:the|a)\s+"
                            r"(?:[a-z-]+\s+){0,2}(?:movie|film|series|drama|comedy|mystery|thriller|feature)\b(?:\s+(?:in|of|on)\s+[a-z\s]{1,25}?)?,\s*")


#: "Zara Bee is toplining Salt Road", "A and B will headline Tin Crown": a lead named before the title.
_TOPS_TITLE = re.compile(r"\s+(?:is|are|will be|will|also|now|set to|to)\s+(?:also\s+)?(?:toplining|headlining|fronting|"
                         r"topline|headline|front)\s+|\s+(?:also\s+)?(?:toplines|headlines|fronts)\s+")


def _lead_the_work(ctx, sent):
    """The subjects of "will headline the next movie in the lineup, My Winters Near You" and of
    "is toplining Salt Road" are the cast of the known title after the phrase (in apposition to
    a description, or right after the verb)."""
    for rx in (_LEAD_THE_WORK, _TOPS_TITLE):
        for m in rx.finditer(ctx.text, sent.start, sent.end):
            k = sent.tok_at(m.start() + 1)
            if not is_cap(sent.t(k - 1)):
                continue
            last = sent.name_before(k, "name")
            at = sent.tok_at(m.end())
            title = next((w for w in locate_works(ctx, sent) if w[0] in (at, at + 1)), None)  # (over an opening quote)
            if last is None or last.possessive or not known_person(ctx, last) or ctx.is_work(last.text) or title is None:
                continue
            work = work_mention(ctx, sent, *title)
            for p in list_before(ctx, sent, last, always=True, surnames=True):
                ctx.fact(work, "castMember", ctx.person(p), sent, 0.8)


_DIRECTED_IN = re.compile(r"\b(?:directed|cast|starred opposite)\s+(?=[A-Z])")


def _directed_in(ctx, sent):
    """ "Thurlow, who directed Jonsson in Central Dispatch and Tallspire": the person
    directed is a cast member of each title after "in" (earlier works named in prose)."""
    for m in _DIRECTED_IN.finditer(ctx.text, sent.start, sent.end):
        actor = sent.name_at(sent.tok_at(m.end()), "name")
        if actor is None or actor.possessive or sent.t(actor.j) != "in" or not known_person(ctx, actor) \
                or ctx.is_work(actor.text) or fold(actor.text) in ctx.character_keys:
            continue
        i, titles = actor.j + 1, []
        while len(titles) < 4:
            title = title_after(sent, i)
            if title is None or title.possessive or ctx.looks_org(title.text) or fold(title.text) in ctx.person_keys:
                break
            titles.append(title)
            if sent.t(title.j) not in (",", "and") or not is_cap(sent.t(title.j + 1 + (sent.t(title.j + 1) == "and"))):
                break
            i = title.j + 1 + (sent.t(title.j + 1) == "and")
        for title in titles:
            ctx.fact(ctx.mention(title, "Work", title.start), "castMember", ctx.person(actor), sent, 0.7)


#: After a list of people opening a sentence: they come back to the cast ("A, B and C will all be back").
_RETURNING = re.compile(r"\s*(?:will|are set to|are expected to|are slated to|are all set to)\s+(?:all\s+|also\s+)?"
                        r"(?:return|be back|be returning|reprise their roles)\b")


def _returning_list(ctx, sent):
    """ "Scott Bakula, Lucas Black and CCH Pounder will all be back as well": a list of people
    that opens the sentence and returns is returning cast (a credit word before it, as in
    "showrunners A and B will return", makes it crew, and it is not read)."""
    names, end = sent.names_list_at(0, "name")
    if len(names) < 2 or not _RETURNING.match(ctx.text, sent.toks[end - 1].end if end else sent.start, sent.end):
        return
    if any(n.possessive or not ctx.looks_person(n.text) or ctx.is_work(n.text) for n in names):
        return
    work = work_ref(ctx, sent, end, len(sent.toks))
    for n in names:
        ctx.fact(work, "castMember", ctx.person(n), sent, 0.75)


def _who_plays_paren(ctx, sent, k):
    """ "Shalita Grant (who plays Sonja Percy) and Daryl Mitchell (who plays Patton Plame) have
    been promoted": the actor before the parenthesis plays the role in it."""
    actor = sent.name_before(k, "name")
    role = role_slot(ctx, sent, k + 3)
    if actor is None or role is None or actor.possessive or not ctx.looks_person(actor.text) \
            or ctx.looks_org(role.text) or ctx.is_work(role.text):
        return
    ctx.performance(work_ref(ctx, sent, 0, 0), ctx.person(actor), ctx.character(sent, role), sent, 0.8)


def _playing_are(ctx, sent):
    """ "Playing Thando, Cecil and Nicki are Mpho Sebeng, Siphe Vazi and Zoey Sneed": roles
    first, then the actors in the same order."""
    roles, k = sent.names_list_at(1, "char")
    if not roles or sent.t(k) not in ("are", "is"):
        return
    actors, _ = sent.names_list_at(k + 1, "name")
    if len(actors) != len(roles) or any(a.possessive or not ctx.looks_person(a.text) for a in actors):
        return
    work = work_ref(ctx, sent, 0, 0)
    for actor, role in zip(actors, roles):
        ctx.performance(work, ctx.person(actor), ctx.character(sent, role), sent, 0.8)


#: A cast clause after an opening "Alongside A,": "the returning cast includes", "the series also stars".
_CAST_CLAUSE = re.compile(r"\b(?:cast|ensemble)\s+(?:also\s+)?(?:includes|included|features|are|is)\b|\b(?:also\s+)?(?:stars|starring|co-stars)\b", re.I)


def _opening_alongside(ctx, sent):
    """ "Alongside Sterling Vale, the returning cast includes A, B and C": the person the
    sentence opens beside is in the cast too (the list itself is read by :func:`cast_lists`)."""
    at = 2 if sent.words(0, 2) == ["Along", "with"] else 1
    name = sent.name_at(at, "name")
    if name is None or sent.t(name.j) != "," or name.possessive or not ctx.looks_person(name.text) \
            or ctx.is_work(name.text) or ctx.looks_org(name.text):
        return
    if _CAST_CLAUSE.search(ctx.text, sent.toks[name.j].end, sent.end):
        ctx.fact(credit_work(ctx, sent, name.j, len(sent.toks)), "castMember", ctx.person(name), sent, 0.7)


#: A participle phrase that opens a sentence before its subject: "Written by Anthony Tambo, ".
_FRONTED_PARTICIPLE = re.compile(r"(?:Written|Directed|Created|Produced|Adapted|Based|Set|Filmed|Shot)\b[^,.;]{2,80},\s+(?=[A-Z])")


#: Capitalised words that open a cast sentence, not a title: "Guest stars A", "Also starring".
_NOT_A_TITLE_START = frozenset("also guest guests recurring regular regulars series season cast new other fellow former "
                               "veteran newcomer co star".split())


#: A verb right after a list of names: the list is a subject ("Hollywood stars A and B are set to").
_VERB_AFTER_LIST = frozenset("are were have had will would both all also is was".split())


#: Nouns before a name that make it a person's: "newcomer A (X)" is an actor, X no actor.
_PERSON_NOUNS = frozenset("newcomer actor actress star comedian singer rapper veteran alum alumna".split())


def _bare_title_subject(ctx, sent, k):
    """ "Dude stars Lucy Hale, Alex Wolff and ...", "Written by A, Sun Dogs won Best Picture and
    stars B": the capitalised subject of a transitive "stars" is a title, though nothing marks it
    (no quotes, no "the series"), unless it reads as a person or a company."""
    fronted = _FRONTED_PARTICIPLE.match(ctx.text, sent.start, sent.end)
    a = sent.tok_at(fronted.end()) if fronted else subject_start(sent)
    colon = max((x for x in range(a, k) if sent.t(x) == ":"), default=None)
    a = colon + 1 if colon is not None else a  # "Also on the slate: Tinderbox stars A, B and C"
    if not is_cap(sent.t(a)) or sent.t(a) in STOP_START:
        return None
    name = sent.name_at(a, "title")
    if name is None or name.possessive or name.j > k or name.text.split()[0].lower().endswith("ing") \
            or name.text.split()[0].lower() in _NOT_A_TITLE_START:
        return None  # "Returning stars A and B": a cast word, not a title
    between = ctx.text[sent.toks[name.j - 1].end:sent.toks[k].start]
    if name.j < k and not re.fullmatch(r"\s+(?:also\s+)?|\s+(?:won|earned|received|premiered|debuted)\b[^,;:()]{0,80}?\s+and\s+(?:also\s+)?", between):
        return None  # "Sun Dogs won Best Picture at the festival and stars": a coordinated predicate
    if reads_as_person(ctx, name.text) or ctx.looks_person_strict(name.text) or fold(name.text) in ctx.person_keys \
            or ctx.looks_org(name.text) or fold(name.text) in ctx.org_keys:
        return None
    return ctx.mention(name, "Work", name.start)


#: A lead role after a name: "featuring A in the lead", "with B in the title role".
_IN_THE_LEAD = re.compile(r"\s*(?:in|as)\s+(?:the\s+)?(?:lead|title role|starring role|leading role|central role|lead role)\b", re.I)


#: Appearances named as a cast: "will feature guest appearances by A, B and C", "cameos from A".
_APPEARANCES_BY = re.compile(r"\b(?:guest\s+)?(?:appearances|cameos|guest\s+turns|guest\s+spots)\s+(?:by|from)\s+(?=[A-Z])", re.I)


def _appearances_by(ctx, sent):
    """ "The second season will feature guest appearances by A, B and C": the work's cast."""
    for m in _APPEARANCES_BY.finditer(ctx.text, sent.start, sent.end):
        items, _ = people_list(ctx, sent, sent.tok_at(m.end()), False)
        people = [n for n, _, org in items if not isinstance(n, str) and org is None and ctx.looks_person(n.text)
                  and not ctx.is_work(n.text) and not ctx.looks_org(n.text)]
        work = work_ref(ctx, sent, 0, sent.tok_at(m.start()))
        for p in people:
            ctx.fact(work, "castMember", ctx.person(p), sent, 0.75)


def rule_cast(ctx, sent):
    if sent.shouting:
        return
    if "ppearances " in sent.text or "cameos " in sent.text or "guest " in sent.text:
        _appearances_by(ctx, sent)
    if sent.t(0) == "Alongside" or sent.words(0, 2) == ["Along", "with"]:
        _opening_alongside(ctx, sent)
    if sent.t(0) == "Playing":
        _playing_are(ctx, sent)
    elif is_cap(sent.t(0)) and (" return" in sent.text or " be back" in sent.text or " reprise" in sent.text):
        _returning_list(ctx, sent)
    if " in " in sent.text and ("seen" in sent.text or "starred" in sent.text or "appeared" in sent.text):
        _seen_in(ctx, sent)
    if "casting of" in sent.text:
        _casting_of(ctx, sent)
    if _ACTIVE_CAST.search(sent.text):
        _active_cast(ctx, sent)
    if re.search(r" (?:role|part|roles|parts) (?:in|on) | to (?:lead|headline) ", sent.text):
        _role_in(ctx, sent)
    text = ctx.text
    toks = sent.toks
    cue = CAST_CUE.search(sent.text) is not None
    for k, tok in enumerate(toks):
        low = tok.text.lower()
        if (low == "as" and tok.text == "as") or (low == "of" and sent.t(k - 1).lower() in ("role", "character") and sent.t(k - 2).lower() == "the"):
            prev = sent.t(k - 1).lower()
            if k < sent._memo.get("earlier_roles_end", -1):
                continue
            if low == "as" and " in " in sent.text and ("appeared" in sent.text or "starred" in sent.text) and _appeared_in(ctx, sent, k):
                continue
            if low == "as" and is_cap(sent.t(k - 1)) and _AS_THE_CAST.match(ctx.text, tok.end, sent.end):
                _as_the_cast(ctx, sent, k)
                continue
            if _CREDIT_AFTER_AS.match(ctx.text, tok.end, sent.end):
                continue  # "with A and B as new executive producers and co-showrunners": credits
            if prev in NOT_AS or sent.t(k + 1).lower() in ("well", "part", "a", "an", "such", "of", "soon", "much", "long", "it", "they", "he", "she", "the", "part") \
                    and not role_slot_ok(ctx, sent, k + 1) and not (prev in ("star", "stars", "co-star", "co-stars", "cast") and sent.t(k + 1) in ("a", "an", "the")):
                continue  # ("A and B star as the feuding heirs": cast members without a named role)
            left = named_work = work_end = None
            bridge_ok = False
            dash = _aside_before(sent, k)
            if dash is not None:
                # "stars Kathryn Kell – who played Becky Moran from 2006 to 2012 – as teacher Sally"
                left = sent.name_before(dash, "name") if is_cap(sent.t(dash - 1)) else None
                bridge_ok = cue
            elif is_cap(sent.t(k - 1)) or sent.t(k - 1) in (")",) \
                    or sent.t(k - 1) == "," and is_cap(sent.t(k - 2)) and (" respectively" in sent.text or sent.text.count(" as ") >= 3):
                # ("A as the Joker, Will Smyth, as Deadshot, B as Flagg": a stray comma in a list of pairs)
                # "stars Britt Robson (The Hidden Circle, Life Unplanned) as Sandra Bale",
                # "includes A, B and C, as X, Y and Z respectively"
                b0 = _skip_back_to_subject(sent, k - 1) if sent.t(k - 1) == ")" else k - 1 - (sent.t(k - 1) == ",")
                left = sent.name_before(b0 + 1, "name") if b0 >= 0 else None
                bridge_ok = cue or (left is not None and left.i == 0 and len(toks) <= 16)
                if left is not None and (ctx.is_work(left.text) or _named_as_work(sent, left)) and bridge_ok:
                    named_work = left
                    left = _subject_of_cast_verb(ctx, sent, left.i)  # "joined the cast of the drama X as"
            else:
                # walk back over a verb phrase: "returns", "appears in a recurring role", "joins the cast"
                # (years too: "reprises his role from the 2022 film as"), then over a relative
                # clause's comma (", who reprises ... as") or a parenthesis of credits
                # ("Cristin Milani (Palm Shores) has been cast as")
                b = _walk_back_verb_phrase(toks, k)
                bridge = text[toks[b + 1].start:tok.start] if b + 1 < k else ""
                if re.fullmatch(r"\s*(?:who\s+)?lead(?:s|ing)\s*", bridge) and not is_cap(sent.t(k + 1)):
                    bridge = ""  # "who leads as head of drama": a post, not a role ("leading as Wally" is one)
                if b >= 0 and CAST_VERB.search(bridge):
                    p = _appositive_subject(ctx, sent, b) if toks[b].text == "," and toks[b - 1].text != ")" else b
                    # "Noor Haddad, known for playing X on Y, has been cast as": the subject before the appositive
                    b = p if p != b else _skip_back_to_subject(sent, b)
                    if b >= 0 and is_cap(toks[b].text):
                        left = sent.name_before(b + 1, "name")
                        bridge_ok = True
                        if left is not None and (ctx.is_work(left.text) or ctx.looks_org(left.text)):
                            # "has joined the cast of the Northwind drama series Small White Fibs as": the
                            # person is the subject before the work
                            b2 = _walk_back_verb_phrase(toks, left.i, over_names=True)
                            if b2 >= 0 and is_cap(toks[b2].text) and CAST_VERB.search(text[toks[b2 + 1].start:toks[left.i].start]):
                                left = sent.name_before(b2 + 1, "name")
                            else:
                                left = _subject_of_cast_verb(ctx, sent, left.i)
                    elif b > 0 and toks[b].text == "," and toks[b + 1].text.endswith("ing"):
                        # "Yvonne Strakova is returning to Baxter in Season 8, reprising her role as":
                        # the subject of the clause before the participle, in the work it names
                        left = _subject_of_cast_verb(ctx, sent, b)
                        bridge_ok, work_end = True, b
                        named_work = _returns_to(ctx, sent, left.j, b) if left is not None else None
            if left is None or not bridge_ok or left.possessive:
                continue
            left = _without_award(ctx, sent, left)
            if fold(left.text) in ctx.character_keys and fold(left.text) not in ctx.person_keys:
                continue  # "John Durrant takes office as governor": a character, not an actor
            if ctx.looks_org(left.text) or ctx.is_work(left.text):
                continue
            if sent.t(left.i - 1).lower() in ("joining", "joins", "joined", "join") and fold(left.text) not in ctx.person_keys:
                continue  # "Mishal Hasan is joining Ledgerline as Editor-at-Large": a company joined
            role = role_slot(ctx, sent, k + 1)
            if role is not None and _clause_after(sent, role.j):
                continue  # "... are all returning as Dan Mirren (Future Boy) and Robert Padley step in": "as" joins clauses
            lefts = list_before(ctx, sent, left)
            if role is not None and (ctx.looks_org(role.text) or ctx.is_work(role.text)) \
                    and not (" " not in role.text and _first_name_of_character(ctx, fold(role.text))):
                role = None  # (but "starred Hale as Baxter": the title character Baxter Morrow, by first name)
            roles = [role] if role else []
            if role is not None and len(lefts) > 1 and re.search(r"\b(?:respectively|their roles)\b", sent.text):
                rl, _ = sent.names_list_at(role.i, "name")
                if len(rl) >= len(lefts):  # "as Noel and Effie, and Gabriel Lune will ...": the first ones
                    roles = rl[:len(lefts)]
            elif role is not None and sent.t(role.j) == "and" and len(both := lefts if len(lefts) == 2 else list_before(ctx, sent, left, True)) == 2:
                rl, end = sent.names_list_at(role.i, "name")
                end = rl[-1].j if rl else end  # ("as R and S, and gives ...": the list ends before ", and")
                if len(rl) == 2 and (sent.t(end) in (".", ",", ";", "") or sent.t(end) in ("in", "on") and is_cap(sent.t(end + 1 + (sent.t(end + 1) in ("“", '"'))))) \
                        and sent.t(end + 1) != "as" and not any(fold(r.text) in ctx.person_keys or sent.t(r.j) in ("as", "(") for r in rl):
                    roles, lefts = rl, both  # "A and B as sisters Maude and Lena", "A and B star as friends R and S in X"
            work = work_ref(ctx, sent, 0, work_end or left.i)
            star = next((x for x in range(left.i - 1, max(-1, left.i - 30), -1) if sent.t(x) in ("stars", "starred")
                         and is_cap(sent.t(x + 1))), None)  # (a transitive "stars": not "A stars as R")
            if star is not None and named_work is None and not any(w[1] <= star for w in locate_works(ctx, sent)):
                work = _bare_title_subject(ctx, sent, star) or work  # "Tinderbox stars A, B and C as three cousins"
            after = _show_after_role(ctx, sent, role, known=True) if role is not None and named_work is None else None
            if after is not None:
                work = after  # "has been cast as Queen Isaura in The Amber Throne": the work after the role
            if named_work is not None and not ctx.is_work(named_work.text):
                # "has joined Kestrel Plus's limited series The Landing as": that work
                i0 = named_work.i - (sent.t(named_work.i - 1) in ("The", "the"))
                work = ctx.mention(sent.span_text(i0, named_work.j), "Work", sent.toks[i0].start)
            if roles and len(roles) == len(lefts) and len(lefts) > 1:
                pairs = list(zip(lefts, roles))
            elif role is None and sent.t(k - 1).lower() in ("star", "co-star"):
                # "A, B and C star as the three heirs fighting over ...": a shared description
                pairs = [(p, None) for p in list_before(ctx, sent, left, always=True)]
            else:
                pairs = [(left, role)]
            if len(pairs) == 1 and " " not in left.text and " " not in (role.text if role else " ") \
                    and fold(left.text) not in ctx.person_keys and not ctx.surname_in_text(left.text) \
                    and sent.t(left.i - 1) == "," and sent.t(role.j) == ",":
                continue  # "..., Pitch Perfect, Queer as Folk, Rutherford Falls": a title in a list, not "A as R"
            for person, char in pairs:
                pm = ctx.person(person)
                ctx.fact(work, "castMember", pm, sent, 0.9)
                if char is not None:
                    cm = ctx.character(sent, char)
                    ctx.fact(pm, "portrays", cm, sent, 0.9)
                    ctx.fact(work, "hasCharacter", cm, sent, 0.9)
            relative = _relative_of(ctx, sent, k + 1, role) if len(pairs) == 1 and role is not None else None
            if relative is not None:
                ctx.fact(work, "hasCharacter", ctx.character(sent, relative), sent, 0.8)
            if role is not None and len(pairs) == 1 and sent.t(left.i - 1) in ("star", "stars", "starring", "co-stars", "co-starring"):
                for other in _alongside_after(ctx, sent, role.j):
                    ctx.fact(work, "castMember", ctx.person(other), sent, 0.8)
        elif (low in ("plays", "played", "portrays", "portrayed", "voices", "voiced", "play", "portray", "voice", "playing", "portraying",
                      "embodies", "embody", "voicing")
              or low in ("lends", "lend", "lending") and sent.t(k + 1) in ("her", "his", "their") and sent.t(k + 2) in ("voice", "voices")
              and sent.t(k + 3) == "to") \
                and tok.text[0].islower() and sent.t(k + 1) != "by":  # ("is played by": read by _played_by)
            r0 = k + 4 if low.startswith("lend") else k + 1  # "lends her voice to Orange": the role after "to"
            if sent.t(k + 1).lower() in ("a", "an") and not is_cap(sent.t(k + 2)):
                pass
            b, earlier = k - 1, False
            while b >= 0 and toks[b].text.lower() in ("also", "will", "now", "to", "set", "is", "who", "and", "would", "be"):
                b -= 1
            if b >= 1 and toks[b].text == "," and toks[b + 1].text == "who":
                b -= 1  # "Ruben Castell, who played Detective Sam Oduya on Harbor Nine"
                if toks[b].text == ")":
                    b = _skip_back_to_subject(sent, b)  # "Oona Castellane (“Paper Moons”), who will play"
            elif b >= 1 and toks[b].text in ("'", "’", "”", '"') and toks[b - 1].text == ",":
                b = _appositive_subject(ctx, sent, b - 1)  # "Joseph Zane, famed for his role in 'We Told Tales,' will portray"
            elif b > 0 and toks[b].text == ")":
                b = _skip_back_to_subject(sent, b)  # "Jasper (The Tidekeeper) plays Dr. Christopher Dunmore"
            elif b >= 1 and toks[b].text == "," and low.endswith("ing") and is_cap(toks[b - 1].text):
                b -= 1  # "Completing the cast is Ashley Jonson, voicing Purple": the name before the participle
            elif b >= 0 and toks[b].text == ",":
                # "Rhenzo Felan, cast last month, plays"
                b2 = _walk_back_verb_phrase(toks, b)
                if b2 >= 1 and toks[b2].text == ",":
                    b = b2 - 1
                else:
                    b = _appositive_subject(ctx, sent, b)
            elif b >= 0 and not is_cap(toks[b].text):
                # "Kaitlyn Dover, who was tapped last month to play", "Lena Okafor, known for playing"
                b2 = _walk_back_verb_phrase(toks, b + 1)
                if b2 >= 1 and toks[b2].text == "," and toks[b2 + 1].text in ("who", "known", "best", "well", "famous", "famed"):
                    b = b2 - 1
                elif b2 >= 0 and is_cap(toks[b2].text) and _TAPPED_TO.fullmatch(text, toks[b2].end, tok.start):
                    b = b2  # "Max Bell has been tapped to play"
                elif b2 >= 0 and is_cap(toks[b2].text) and _KNOWN_FOR.fullmatch(text, toks[b2].end, tok.start):
                    b, earlier = b2, True  # "Okafor is best known for playing R on S": S must be named
            if b == 0 and toks[0].text in ("She", "He"):
                # "She will play Margo Kessler, a night-shift nurse": the person named before
                people = resolve_pronoun(ctx, sent, 0, toks[0].text.lower())
                role = role_slot(ctx, sent, r0)
                if len(people) == 1 and role is not None and not ctx.looks_org(role.text) and not ctx.is_work(role.text):
                    work = _show_after_role(ctx, sent, role) or work_ref(ctx, sent, 0, len(toks))
                    pm, cm = ctx.person(people[0]), ctx.character(sent, role)
                    ctx.performance(work, pm, cm, sent, 0.8)
                continue
            if b < 0 or not is_cap(toks[b].text):
                continue
            left = sent.name_before(b + 1, "name")
            if left is None or left.possessive or ctx.looks_org(left.text) or ctx.is_work(left.text):
                continue
            left = _without_award(ctx, sent, left)
            role = role_slot(ctx, sent, r0)
            kin_role = _KIN_ROLE.match(ctx.text, tok.end, sent.end) if role is None else None
            if role is None and (_UNNAMED_ROLE.match(ctx.text, tok.end, sent.end) or kin_role and kin_role.group(1) in KIN_NOUNS):
                # "Indiana Belle will play an unspecified role"
                ctx.fact(work_ref(ctx, sent, 0, left.i), "castMember", ctx.person(left), sent, 0.8)
                continue
            kin = _KIN_OF.match(ctx.text, tok.end, sent.end) if role is None else None
            if kin and kin.group(1) in KIN_NOUNS:
                # "Milani plays the daughter of the late crime boss Carmine Volta": he is a character too
                other = sent.name_at(sent.tok_at(kin.end()), "char")
                if other is not None and not other.possessive and len(other.text.split()) >= 2 and not ctx.looks_org(other.text) \
                        and not ctx.is_work(other.text) and fold(other.text) not in ctx.person_keys:
                    work = credit_work(ctx, sent, 0, left.i)
                    ctx.fact(work, "castMember", ctx.person(left), sent, 0.8)
                    ctx.fact(work, "hasCharacter", ctx.character(sent, other), sent, 0.75)
                continue
            if role is None or ctx.looks_org(role.text) or ctx.is_work(role.text):
                continue
            lefts = list_before(ctx, sent, left)
            work = _show_after_role(ctx, sent, role)
            if work is None and earlier:
                continue
            work = work or credit_work(ctx, sent, 0, left.i)
            pairs = [(left, role)]
            if len(lefts) > 1 and re.search(r"\brespectively\b", sent.text):
                rl, _ = sent.names_list_at(role.i, "name")
                if len(rl) == len(lefts):
                    pairs = list(zip(lefts, rl))
            for person, char in pairs:
                pm = ctx.person(person)
                cm = ctx.character(sent, char)
                ctx.performance(work, pm, cm, sent, 0.9)
        elif low == "is" and k > 0 and is_cap(sent.t(k + 1)) and (cue and is_cap(sent.t(k - 1)) or sent.t(k - 1) == ")"):
            _is_role(ctx, sent, k)
        elif low in ("star", "alum", "actor", "actress") and tok.text[0].islower() and is_cap(sent.t(k - 1)) \
                and sent.t(k + 1)[:1].isupper() and _show_star_aside(ctx, sent, k):
            pass
        elif tok.text == "(" and k > 0 and sent.t(k + 1) == "who" and sent.t(k + 2) in ("plays", "portrays", "played", "voices") \
                and is_cap(sent.t(k - 1)):
            _who_plays_paren(ctx, sent, k)
        elif tok.text == "(" and k > 0 and sent.t(k - 1).isalpha() and sent.t(k - 1).islower() and is_cap(sent.t(k + 1)):
            _actors_after_description(ctx, sent, k)
        elif tok.text == "(" and k > 0 and _actor_in_paren(ctx, sent, k):
            pass
        elif tok.text == "(" and k > 0 and _show_actor_paren(ctx, sent, k):
            pass
        elif tok.text == "(" and k > 0 and is_cap(sent.t(k + 1)):
            if _is_rank(sent.t(k + 1)) and sent.t(k + 2) == "." and is_cap(sent.t(k + 3)):
                inner = sent.name_at(k + 3, "name")  # "(Lt. Grace Bellamy)"
            else:
                inner = sent.name_at(k + 1, "name")
            if inner is not None and sent.t(inner.j) in ("–", "—") and len(inner.text.split()) >= 2 and ctx.looks_person(inner.text) \
                    and ")" in sent.text[sent.toks[inner.j].start - sent.start:]:
                # "suspect Waleed (Arsher Ali – Four Lions, Beaver Falls)": the actor, then his earlier credits
                role = sent.name_before(k, "char")
                if role is not None and not role.possessive and not ctx.looks_person_strict(role.text) \
                        and not ctx.looks_org(role.text) and not ctx.is_work(role.text):
                    ctx.performance(work_ref(ctx, sent, 0, role.i), ctx.person(inner), ctx.character(sent, role), sent, 0.8)
                continue
            if inner is None or sent.t(inner.j) != ")" or ctx.looks_org(inner.text) or ctx.is_work(inner.text):
                continue
            left = sent.name_before(_before_aka(sent, k), "name")
            if left is None or left.possessive or ctx.looks_org(left.text) or ctx.is_work(left.text):
                continue
            ranked = _is_rank(sent.t(left.i)) or _is_rank(sent.t(left.i - 1))
            if not ranked and _credited(ctx, sent, left):
                continue  # "from creator Ines Abara (Little Mercies)", "developed by A and B (Natalya)": earlier credits
            if not ranked and fold(inner.text) not in ctx.character_keys and _credit_parens(ctx, sent) and not _VOICE_CAST.search(sent.text):
                continue  # "A (The Atlantic Run), B (The Otter) and C (Marrick's own Blue Hallway)": earlier credits
            if not ranked and sent.t(inner.j + 1) == "as" and sent.t(inner.j + 2).lower() not in ("he", "she", "they", "it", "we", "i", "you"):
                continue  # "stars Michelle Rowan (NorthEnders) as a bartender": the role comes after "as"
            if not ranked and fold(inner.text) not in ctx.character_keys and _new_cast_subjects(ctx, sent, left):
                continue  # "A (Dry Dock) and B (Open Water) will lead the cast": their earlier credits
            if len(inner.text.split()) < 2:
                surname = fold(inner.text) in ctx.person_keys and fold(left.text) not in ctx.person_keys
                if not surname and not (cue and len(left.text.split()) >= 2 and ctx.looks_person(left.text)):
                    continue
                if not surname and not is_given_name(inner.text) and fold(inner.text) not in ctx.character_keys \
                        and not _lists_roles(sent) and sent.t(inner.j + 1) != "as" \
                        and not any(sent.t(x - 1) == "(" and x != inner.i and is_given_name(sent.t(x)) for x in range(1, len(sent.toks))):
                    continue  # "Dana Kell (Tidewrack)": a word no one is named is an earlier credit, not a role
                    # (unless the sentence's other parentheses name people: "A (Wren), B (Cyril) and C (Lowry)")
                if not surname and fold(inner.text) not in ctx.character_keys \
                        and sent.t(_after_paren_list(sent, inner.j + 1)) in ("has", "have", "had", "is", "was", "were", "will", "would",
                                                                            "serving", "serve", "serves"):
                    continue  # "A (Run Soft) & B (Headache) will star in", "with A (Tern) and B (Gull) serving as
                    # executive producers": earlier credits, before the verb
                # "a human detective, Rycroft Philemon (Bloor)": the actor by surname;
                # "Annalisa Corrigan (Addy)": a character by first name
                work = work_ref(ctx, sent, 0, left.i)
                pm, cm = (ctx.person(inner), ctx.character(sent, left)) if surname else (ctx.person(left), ctx.character(sent, inner))
                ctx.performance(work, pm, cm, sent, 0.85)
                continue
            after = sent.t(inner.j + 1)
            role_first = " " not in left.text and is_given_name(left.text) and is_given_name(inner.text.split()[0]) \
                and fold(left.text) not in ctx.person_keys  # "Claire (Nora-Jane Noone) is new to the fold": a role, then its actor
            if (after in ("has", "have", "had", "is", "was", "were", "will", "would", "serving", "serve", "serves")
                    or CAST_VERB.fullmatch(after) or after == "to" and _TO_PERFORM.fullmatch(sent.t(inner.j + 2))) \
                    and not ranked and not role_first and fold(left.text) not in ctx.character_keys:
                continue  # "Cristin Milani (Palm Shores) has been cast", "B (Sparkpoint) serving as showrunner",
                # "has added A (Bright Days) to star alongside B": credits, not a role
            if any(is_upper_word(w) for w in inner.text.split()) or all(is_upper_word(w) for w in left.text.split()):
                continue  # "HALCYON AMERICA (Low Gear)": a network's title
            work = work_ref(ctx, sent, 0, left.i)
            if not ranked and sent.t(left.i - 1).lower() in _PERSON_NOUNS:
                # "newcomer Edith Crane (Harrow Lane)": a person, then an earlier credit or a role
                if not (is_given_name(inner.text.split()[0]) or fold(inner.text) in ctx.character_keys):
                    continue
                ctx.performance(work, ctx.person(left), ctx.character(sent, inner), sent, 0.85)
                continue
            if not ranked and _actor_first(ctx, sent):
                # "Jamie Hestor (Jerry Ellis), Amy Arcos (Lt. Grace Bellamy) ... return": a cast list
                first = inner.text.split()[0]
                if fold(inner.text) not in ctx.character_keys and not is_given_name(first) and not _is_rank(first) \
                        and not _lists_roles(sent):
                    continue  # "stars Rosalind Achebe (Night Court Diaries)": a title, not a role (unless the
                    # sentence says it lists actors and their roles: "cast members include A (Lily Drake)")
                pm = ctx.person(left)
                cm = ctx.character(sent, inner)
            else:
                pm = ctx.person(inner)
                cm = ctx.character(sent, left)
            ctx.performance(work, pm, cm, sent, 0.85)
        elif low in ("starring", "star", "stars") and sent.t(k + 1) in ("in", "opposite", "alongside") and tok.text[0].islower() \
                or low == "star" and sent.t(k - 1) in ("to", "will", "would") and sent.t(k + 1) in (".", "", ";", "and") and tok.text[0].islower():
            _subjects_star(ctx, sent, k)  # (and "Carey Mulligan is set to star and Fennell will produce": the work's)
        elif low == "cast" and (sent.t(k - 1) in ("been", "was", "were", "is", "are", "be") or sent.t(k - 3) == "among" and sent.t(k - 2) == "the") \
                and sent.t(k + 1) in ("in", "for", "opposite", "alongside") and tok.text[0].islower():
            _cast_in(ctx, sent, k)
        elif low in ("headlined", "fronted", "toplined") and sent.t(k + 1) == "by" and is_cap(sent.t(k + 2)):
            # "and drama Lanford, headlined by Russell Hollins, also from": the cast of the work before
            work = work_ref(ctx, sent, 0, k)
            for name, _, org in people_list(ctx, sent, k + 2, False)[0]:
                if not isinstance(name, str) and org is None and not name.possessive and ctx.looks_person(name.text) \
                        and not ctx.is_work(name.text):
                    ctx.fact(work, "castMember", ctx.person(name), sent, 0.8)
        elif low == "joined" and (sent.t(k + 1) == "by" or _IN_THE_CAST_BY.match(ctx.text, tok.end, sent.end)) and cue \
                and not _CREW_SIDE.search(sent.text):
            # "They will be joined by Joshua Silvers (Sketch 22) and Terenia Edmonds",
            # "Bassett will be joined in the cast by A (credit), B (credit) and C": all of them
            in_cast = _IN_THE_CAST_BY.match(ctx.text, tok.end, sent.end)
            by = sent.tok_at(in_cast.end()) if in_cast else k + 2
            if not is_cap(sent.t(by)):
                continue
            items, _ = people_list(ctx, sent, by, False)
            work = work_ref(ctx, sent, 0, k)
            if in_cast:
                b = k - 1
                while b > 0 and sent.t(b) in ("be", "been", "will", "has", "have", "is", "are", "was", "were", "also"):
                    b -= 1
                subject = sent.name_before(b + 1, "name") if is_cap(sent.t(b)) else None
                if subject is not None and not subject.possessive and (ctx.looks_person(subject.text) or fold(subject.text) in ctx.person_keys):
                    items = [(subject, [], None)] + items
            for name, _, org in items:
                if not isinstance(name, str) and org is None and ctx.looks_person(name.text) and not ctx.is_work(name.text):
                    ctx.fact(work, "castMember", ctx.person(name), sent, 0.8)
        elif low in ("starring", "stars", "co-starring", "co-stars", "includes", "features", "include", "feature", "star",
                     "featured", "featuring", "starred", "including", "included") and (tok.text[0].islower() or k == 0 and tok.text == "Starring") \
                and not (low in ("star", "stars") and sent.t(k + 1) in (".", ",", ";", "")):
            # ("A, B and C star." closes a list of its subjects: read below)
            listed = low in ("includes", "features", "include", "feature", "featured", "featuring", "included")
            if low == "including" and not re.search(r"\bcast\s+(?:members\s+)?$", text[max(sent.start, tok.start - 20):tok.start]):
                continue  # only "joining returning cast including A, B and C": a lineup "including" lists works
            ends = (k - 1, k - 2) if sent.t(k - 2) in ("”", '"', "’") else (k - 1,)
            titled = [w for w in locate_works(ctx, sent) if w[1] in ends] if sent.t(k - 1) == "," and low == "featuring" else []
            if titled:
                # "... and period drama The Regent, featuring A and B": the cast of the item just named
                work = work_mention(ctx, sent, *titled[-1])
                for n, _, org in people_list(ctx, sent, k + 1, False)[0]:
                    if not isinstance(n, str) and org is None and ctx.looks_person(n.text) and not ctx.is_work(n.text):
                        ctx.fact(work, "castMember", ctx.person(n), sent, 0.8)
                continue
            if listed and not re.search(r"\b(?:cast|ensemble|guest stars|co-stars|series regulars)\b[^.;]{0,50}$", text[sent.start:tok.start], re.I):
                # "The first season of the show also featured A, B, C and D": people only;
                # "the movie also includes notable actors A and B": any number of them
                cast_of = _A_CAST_OF.match(ctx.text, tok.end, sent.end)
                actors = cast_of or _ACTORS_NOUN.match(ctx.text, tok.end, sent.end)
                first = sent.tok_at(actors.end()) if actors else k + 1
                if sent.t(first) in ("“", '"', "‘"):
                    close = next((x for x in range(first + 1, min(len(toks), first + 10)) if sent.t(x) in ("”", '"', "’")), None)
                    if close is not None and sent.t(close + 1).lower() in ("star", "alum", "actor", "actress", "veteran"):
                        first = close + 2  # "featuring “The Foresters” star A in the lead": an earlier credit, then the person
                items, end = people_list(ctx, sent, first, False)
                names = [n for n, _, org in items if not isinstance(n, str) and org is None]
                lead = _IN_THE_LEAD.match(ctx.text, sent.toks[end].start if end < len(toks) else sent.end, sent.end)
                if len(names) < (1 if actors or lead else 3) or len(names) != len(items) or not all(
                        len(n.text.split()) >= 2 and ctx.looks_person(n.text) and not ctx.is_work(n.text) for n in names) \
                        or not (cast_of or re.search(r"\b(?:season|series|show|film|movie|drama|comedy)\b", text[sent.start:tok.start], re.I)):
                    continue
                work = _introduced_work(ctx, sent, k) or work_ref(ctx, sent, 0, k)
                for n in names:
                    ctx.fact(work, "castMember", ctx.person(n), sent, 0.8)
                continue
            if low in ("stars", "star") and not (sent.t(k - 1).lower() in ("series", "film", "show", "drama", "also", "comedy", "movie", "thriller") or ctx.is_work(sent.t(k - 1)) or is_cap(sent.t(k + 1))):
                continue
            first = k + 1 + 3 * (sent.words(k + 1, k + 4) == ["the", "likes", "of"])  # "starred the likes of A, B and C"
            among = _AMONG_OTHERS.match(ctx.text, tok.end, sent.end)
            if among and re.search(r"\bcast\b", text[sent.start:tok.start], re.I):
                first = sent.tok_at(among.end())  # "the cast includes among other actors A, B and C"
            and_credit = _AND_CREDITED_BY.match(ctx.text, tok.end, sent.end) if sent.t(k + 1) == "and" else None
            if and_credit:
                first = sent.tok_at(and_credit.end())  # "starring and executive produced by A": the credit rules read the rest
            if low in ("stars", "star", "starred") and not is_cap(sent.t(first)):
                continue
            if low == "star" and (is_cap(sent.t(k - 1)) or sent.t(k - 1) in ("”", '"', "’", "'")):
                continue  # "“Low Harbor” star Ezra Quaye", "The Sceptre star X": an earlier credit
            items, end = people_list(ctx, sent, first, False)
            e = end + (sent.t(end) == ",")
            if sent.t(e) in ("alongside", "with") or sent.t(e) == "along" and sent.t(e + 1) == "with":
                # "stars A (credit) and B (credit), along with C and D": all of them
                items += people_list(ctx, sent, e + 1 + (sent.t(e) == "along"), False)[0]
            work = work_ref(ctx, sent, 0, k)
            if low in ("stars", "starred", "co-stars") and not any(w[1] <= k for w in locate_works(ctx, sent)) \
                    and sent.t(end) not in _VERB_AFTER_LIST:
                work = _bare_title_subject(ctx, sent, k) or work  # "Dude stars Lucy Hale, ...": an unmarked title
                # (not "Hollywood stars A and B are set to star": "stars" a noun, the list a subject)
            if sent.t(k - 1) == "which" and sent.t(k - 2) == ",":
                # "Rebel Hollow, which starred Aaron Pieron": the title the relative clause is about
                title = sent.name_before(k - 2, "title")
                if title is not None and not title.possessive and not ctx.looks_org(title.text) and fold(title.text) not in ctx.person_keys:
                    work = ctx.mention(title, "Work", title.start)
            if is_cap(sent.t(k - 1)) and low == "starring":
                # "including 1887 and Omaha Prince starring Sylvester Stanton": the title before
                title = sent.name_before(k, "title")
                if title is not None and not title.possessive and fold(title.text) not in ctx.person_keys and not ctx.looks_org(title.text):
                    work = ctx.mention(title, "Work", title.start)
            semi = next((x for x in range(first, len(toks)) if sent.t(x) == ";"), len(toks))
            # "stars Zephyra, Hunter Schaller, Nika Kingsley ...": a one-word name opening a long list of full names is an actor's
            full = sum(1 for n, _, _ in items if not isinstance(n, str) and len(n.text.split()) >= 2 and ctx.looks_person(n.text))
            for name, _, _ in items:
                if isinstance(name, str) or ctx.looks_org(name.text) or ctx.is_work(name.text):
                    continue
                if name.possessive or name.i > semi:
                    continue  # "The Keegan Show starring A and Kal Penrose's Sunnybrook", "starring A; and 2024 Christmas film X": other items
                if len(name.text.split()) < 2 and fold(name.text) not in ctx.person_keys \
                        and not (name.i == first and full >= 3 and is_cap(name.text) and not is_upper_word(name.text)) \
                        and not (full >= 1 and not ctx.is_work(name.text) and ctx.surname_in_text(name.text)):
                    continue  # ("the series stars Hart and Josie Jobert": the surname of Allan Hart, named before)
                if any(is_upper_word(w) and len(w) > 2 for w in name.text.split()) and not name.text.isupper():
                    continue  # "Bobby TACOMA": a name run into a dateline
                ctx.fact(work, "castMember", ctx.person(name), sent, 0.85)
        elif low == "signed" and _SIGNED_ON.match(ctx.text, tok.end, sent.end):
            _joins_the_cast(ctx, sent, k)  # "A (X), B (Y) and C (Z) have all signed on as series regulars"
        elif (low in _JOIN_CAST_VERBS or low == "out" and sent.t(k - 1).lower() in ("round", "rounds", "rounding")) \
                and sent.t(k + 1) == "the" and sent.t(k + 2) in ("cast", "ensemble") \
                and sent.t(k + 3) in (".", ",", ";", "", "of", "for", "in", "this", "next") and tok.text[0].islower():
            _joins_the_cast(ctx, sent, k)
        elif low in ("replaced", "replaces") and is_cap(sent.t(k + 1)) and " in " in sent.text:
            _replaces_in(ctx, sent, k)
        elif low in ("joins", "join", "joined") and (is_cap(sent.t(k + 1)) and sent.t(k + 1) not in ("The", "A", "An")
                                                  or _CAST_NOUN_PHRASE.match(ctx.text, tok.end, sent.end)):
            _joins_people(ctx, sent, k)
        elif low in ("reprise", "reprises") and sent.t(k + 1).lower() in ("their", "his", "her") \
                and sent.t(k + 2).lower() in ("role", "roles") and sent.t(k + 3) != "as" and k > 0 and sent.t(k - 1) != "who":
            _reprise_roles(ctx, sent, k)
        elif low in ("returns", "return", "reprises") and sent.t(k - 1) == "who" and sent.t(k - 2) == "," and is_cap(sent.t(k - 3)) and cue:
            # "... and Michael C. Hale, who returns to voice Baxter's inner thoughts"
            last = sent.name_before(k - 2, "name")
            if last is not None and not last.possessive and ctx.looks_person(last.text) and sent.t(last.i - 1) != "as" \
                    and fold(last.text) not in ctx.character_keys:
                ctx.fact(work_ref(ctx, sent, 0, last.i), "castMember", ctx.person(last), sent, 0.8)
        elif (low in ("return", "returns", "star", "stars", "reprise", "join") or low == "returning" and sent.t(k - 1) in ("are", "all")
              and sent.t(k + 1) in ("from", "for", ".", ",", "as")) and tok.text[0].islower() and k > 0:
            # "Amy Arcos and Lance Redfield also return.", "A, B and C star.", "A, B and C are all returning from"
            b = k - 1
            if low == "returning":
                while b > 0 and sent.t(b) in ("are", "all", "also", "both"):
                    b -= 1
            to_show = low == "return" and _RETURN_TO_SHOW.match(ctx.text, tok.end, sent.end) is not None
            if to_show:
                # "A and B are set to return to the series": the people return to the cast
                while b > 0 and sent.t(b) in _BEFORE_REPRISE:
                    b -= 1
            if sent.t(b).lower() == "also":
                b -= 1
            if not (is_cap(sent.t(b)) or sent.t(b) == "." and sent.t(b - 1) in ("Jr", "Sr")) or sent.t(k + 1) not in (".", ",", ";", "") \
                    and sent.t(k + 1).lower() not in ("the", "to", "for", "in") and low != "returning":
                continue
            if sent.t(k + 1).lower() in ("to", "for") and low in ("return", "returns") and not to_show:
                continue
            last = sent.name_before(b + 1, "name")
            if last is None or last.possessive or not ctx.looks_person(last.text):
                continue
            work = work_ref(ctx, sent, 0, last.i)
            for p in list_before(ctx, sent, last, always=True):
                ctx.fact(work, "castMember", ctx.person(p), sent, 0.8)
    for k, tok in enumerate(toks if "the character " in sent.text or "the role " in sent.text else ()):
        # "Percy Wrenn, the character Alexander Skarholm played in season one"
        if tok.text in ("played", "portrayed", "voiced", "plays") and k >= 4 and is_cap(sent.t(k - 1)):
            person = sent.name_before(k, "name")
            if person is None or person.possessive or not ctx.looks_person(person.text):
                continue
            p = person.i
            if not (sent.t(p - 1) in ("character", "role") and sent.t(p - 2) == "the" and sent.t(p - 3) == ","):
                continue
            c = sent.name_before(p - 3, "name")
            if c is None or c.possessive or ctx.looks_org(c.text) or ctx.is_work(c.text):
                continue
            work = work_ref(ctx, sent, 0, c.i)
            pm, cm = ctx.person(person), ctx.character(sent, c)
            ctx.performance(work, pm, cm, sent, 0.8)
    if "played by" in sent.text or "portrayed by" in sent.text or "voiced by" in sent.text or " by " in sent.text and " played " in sent.text:
        _played_by(ctx, sent)
    if " roles of " in sent.text:
        _roles_of(ctx, sent)
    _cast_list_after_copula(ctx, sent)
    if "feature" in sent.text:
        _features_people(ctx, sent)
    if "guest" in sent.text:
        _guest_appearance(ctx, sent)
    if " the " in sent.text and (" cast" in sent.text or " ensemble" in sent.text or "headline" in sent.text or " lead" in sent.text or " front" in sent.text):
        _lead_the_cast(ctx, sent)
    if "headlin" in sent.text or "lead" in sent.text or "front" in sent.text or "toplin" in sent.text:
        _lead_the_work(ctx, sent)
    if sent.t(0) == "In":
        _in_work_plays(ctx, sent)
    if " for " in sent.text and " of " in sent.text:
        _back_for_season(ctx, sent)
    if " in " in sent.text and ("directed " in sent.text or "cast " in sent.text or "starred opposite " in sent.text):
        _directed_in(ctx, sent)
    if " the lead " in sent.text or " the star " in sent.text or " the co-star " in sent.text:
        _lead_of(ctx, sent)
    if " follow" in sent.text or " cent" in sent.text or " revolves " in sent.text or " focus" in sent.text:
        _plot_character(ctx, sent)
    if "who " in sent.text and "starred" in sent.text:
        _earlier_role_in(ctx, sent)
    elif "starred " in sent.text:
        _starred_in(ctx, sent)
    if " role" in sent.text and " for " in sent.text:
        _known_for_role_in(ctx, sent)
    # "Titus Wellford's Harry Brandt": decided after all sentences (authors are known then)
    for k, tok in enumerate(toks if sent.possessive_mark else ()):
        if is_cap(tok.text) and (k == 0 or not is_cap(sent.t(k - 1))):
            a = sent.name_at(k, "name")
            if a is None or not a.possessive or sent.t(k - 1) in ("by", "of", "at", "from"):
                continue  # a one-word actor must be a surname met before ("Reymont's Jackie Quiroga");
                # "played by Ironclad Wrestling's Brock Tanner", "the leader of Ashby High's Dragonfire
                # Club": an owner, not an actor
            b_i = a.j + 1
            named = _NAMED_AFTER.match(ctx.text, sent.toks[b_i].end) if sent.t(b_i) in ("character", "role") else None
            if named and is_cap(sent.t(sent.tok_at(named.end()))) and (ctx.looks_person(a.text) or _cast_surname(ctx, a.text)):
                # "Mentis' character will be named Kyle", "Roe's character is called Ann Bar"
                c = sent.name_at(sent.tok_at(named.end()), "char")
                if c is not None and not c.possessive and not ctx.is_work(c.text) and not ctx.looks_org(c.text) \
                        and fold(c.text) not in ctx.person_keys:
                    work = work_ref(ctx, sent, 0, a.i)
                    pm, cm = ctx.person(a), ctx.character(sent, c)
                    ctx.performance(work, pm, cm, sent, 0.75)
                continue
            if sent.t(b_i) in ("character", "role") and sent.t(b_i + 1) == "," and is_cap(sent.t(b_i + 2)) \
                    and (ctx.looks_person(a.text) or _cast_surname(ctx, a.text)):
                c = sent.name_at(b_i + 2, "char")  # "Oldfield's character, Jackson Lark, is"
                if c is not None and not c.possessive and not ctx.is_work(c.text) and not ctx.looks_org(c.text):
                    work = work_ref(ctx, sent, 0, a.i)
                    pm, cm = ctx.person(a), ctx.character(sent, c)
                    ctx.performance(work, pm, cm, sent, 0.75)
                continue
            b = sent.name_at(b_i, "name")
            if b is None or b.possessive:
                continue
            nxt = sent.t(b.j).lower()
            if any(is_upper_word(w) for w in a.text.split()) or nxt == ")" and "(" in sent.words(max(0, a.i - 8), a.i):
                continue  # "HALCYON AMERICA's Low Gear"; "(Mr. Circuit's Christian Slade)" is read above
            if len(a.text.split()) == 1 and len(b.text.split()) == 1 and _cast_surname(ctx, a.text) \
                    and not ctx.is_work(b.text) and not ctx.looks_org(b.text) and nxt not in ("character", "characters"):
                # "Hedley's Wren and Byers' Halvar": an actor cast above, by surname, and a one-name role
                work = work_ref(ctx, sent, 0, a.i)
                pm, cm = ctx.person(a), ctx.character(sent, b)
                ctx.performance(work, pm, cm, sent, 0.75)
                continue
            if nxt in BOOK_PLUR or nxt in BOOK_SING or nxt in ("character", "characters", "universe", "franchise", "film", "show", "drama") \
                    or any(w.lower() in _WORK_NOUN_WORDS for w in b.text.split()):
                continue  # "Tessa Varnum's Legal Drama" (a headline's description of the work)
            ctx.pending_possessive.append((sent, a, b))


#: A cast word close before a list of names: "joining returning cast members A, B and C",
#: "guest stars have been announced, including A, B and C", "collaborators along for the ride
#: include A, B and C", "alongside A, B and C".
_CAST_WORDS_BEFORE = re.compile(
    r"\b(?:cast(?:\s*members?)?|castmates|co-?stars|guest[- ]stars?|series regulars?|regulars|ensemble|stars|starring|"
    r"co-starring|joining|joins|joined|alongside|along with|opposite|rounding out|rounded out|collaborators|actors|actresses|"
    r"voices?|voiced by|players|(?:lead|leading|starring|main|title) roles?)\b[^.;:()“”\"]{0,60}(?::\s*)?$", re.I)  # ("guest stars: A, B")
#: A cast word close after a list of names: "A, B and C lead a distinguished cast", "A, B and C star".
_CAST_WORDS_AFTER = re.compile(r"^\s*(?:\([^()]{1,60}\)\s*)?(?:(?:also|will|all|both|are|have|has|been|to|set|now)\s+)*"
                               r"(?!starred\b)(?:star|co-star|lead|round out|complete|return|join|reprise|voice)\w*\b", re.I)
#: Credit words that make a nearby list of names a crew list, not a cast.
_CREW_WORDS = re.compile(r"\b(?:by|from|produc\w*|commission\w*|editors?|partners?|banner|co-showrunners?|executive|writers?|wrote|written|directors?|directed|"
                         r"creators?|created|showrunners?|said|says|according|authors?|novelists?|hosts?|hosted|"
                         r"judges?|presenters?|presented|narrated|narrators?|founders?|executives?)\b", re.I)


#: The cue words of :data:`_CAST_WORDS_BEFORE` and :data:`_CAST_WORDS_AFTER`, for a quick look at a sentence.
_ANY_CAST_WORD = re.compile(r"cast|star|join|along|opposite|round|collaborators|actors|actresses|ensemble|"
                            r"regulars|voice|players|lead|complete|return|reprise|roles", re.I)
#: Two capitalised words joined as a list: the least a list of names needs.
_TWO_NAMES = re.compile(r"[A-Z][\w'’.-]*(?:\s*\([^()]*\))?\s*(?:,|\band\b|&)\s*(?:and\s+)?[A-Z]")
#: A season after a cast list: "A, B and C, from Season Two, will all return" (no credit "from").
_FROM_SEASON = re.compile(r"[,\s]*from\s+(?:season|series)\s+\w+\b(?![^.;]*\b(?:by|from|produc\w*|writ\w*|direct\w*)\b)", re.I)
#: Relations of the people behind the camera: a list with one of them in it is a crew list.
_CREW_RELATIONS = frozenset("creator executiveProducer coExecutiveProducer showrunner writer director author employer".split())


def _name_list(ctx, sent, i):
    """The person names listed from token i ("A, B, C and D", each may carry an earlier
    credit in parentheses), and the token after the list."""
    names = []
    n = len(sent.toks)
    while i < n:
        name = sent.name_at(i, "name")
        if name is None or name.possessive or not ctx.looks_person(name.text) or ctx.is_work(name.text) \
                or fold(name.text) in ctx.org_keys or len(name.text.split()) > 4:
            break
        names.append(name)
        k = name.j
        if sent.t(k) == "(":
            close = next((q for q in range(k + 1, min(n, k + 40)) if sent.t(q) == ")"), None)
            if close is None:
                break
            k = close + 1  # "David Jason (Only Fools and Horses)": an earlier credit
        if sent.t(k) == "," and sent.t(k + 1) in ("and", "&"):
            k += 1
        if sent.t(k) in (",", "and", "&") and is_cap(sent.t(k + 1)):
            i = k + 1
            continue
        return names, k
    return names, i


def cast_lists(ctx):
    """Lists of two or more names that a cast word introduces or closes, whose people no other
    rule gave any fact: the cast of the work the sentence is about ("Longtime collaborators
    along for the ride include A, B and C", "joining returning cast members A, B and C").
    A credit word near the list (by, producers, creators, said) makes it a crew list."""
    related = set()  # the people some rule gave a fact, by full name and by surname
    alone = {}  # a person met by surname alone ("Daly (…) has joined the cast as"): the works they are cast in
    for f in ctx.facts:
        for x in (f.s, f.o):
            if hasattr(x, "name") and getattr(x, "type", "") != "Work":
                g = fold(x.name)
                if " " in g:
                    related.update((g, g.rsplit(" ", 1)[-1]))
                else:
                    alone.setdefault(g, set())
                    if f.p == "castMember" and x is f.o:
                        alone[g].add(work_key(f.s))
    previous = []  # the two sentences before
    for sent in ctx.sents:
        announced = bool(previous) and previous[-1].text.rstrip().endswith(":") and any(_ANY_CAST_WORD.search(p.text) for p in previous)
        previous = (previous + [sent])[-2:]
        if sent.shouting or sent.headline or not (_ANY_CAST_WORD.search(sent.text) or announced) or not _TWO_NAMES.search(sent.text):
            continue  # ("... this voice cast is something. Get a load of these names:" then a bare list of names)
        i = 0
        n = len(sent.toks)
        while i < n:
            if not is_cap(sent.t(i)) or i > 0 and sent.t(i - 1) in (",", "and", "&"):
                i += 1
                continue
            names, k = _name_list(ctx, sent, i)
            people = sum(fold(x.text) in ctx.person_keys or is_given_name(x.text.split()[0]) for x in names)
            if len(names) < 2 or people * 2 < len(names):  # most names open with a given name ("American Dad" is a show)
                i += max(1, len(names) and names[0].j - i)
                continue
            before = ctx.text[max(sent.start, names[0].start - 80):names[0].start]
            after = ctx.text[sent.toks[k].start if k < n else sent.end:sent.end]
            bare = announced and names[0].i == 0  # a list a sentence announces by itself ("Get a load of these names:")
            cued = _CAST_WORDS_BEFORE.search(before) or _CAST_WORDS_AFTER.match(after) or bare
            crew = _CREW_WORDS.search(before[-40:]) or _CREW_WORDS.search(after[:50]) and not _FROM_SEASON.match(after)
            folds = [fold(x.text) for x in names]
            if not cued or crew:
                i = k if k > i else i + 1
                continue
            located = locate_works(ctx, sent)
            named_before = [w for w in located if w[1] <= names[0].i and not _in_parens(sent, w[0])]
            named_after = [w for w in located if w[0] >= k]
            # the work named before the list, else the one it joins after it ("A and B have joined X")
            work = work_ref(ctx, sent, 0, names[0].i) if named_before or not named_after else work_mention(ctx, sent, *named_after[0])
            fresh = [x for x, f in zip(names, folds) if (bare or f not in related and f.rsplit(" ", 1)[-1] not in related)
                     and alone.get(f.rsplit(" ", 1)[-1], {work_key(work)}) <= {work_key(work)}
                     and (f in ctx.person_keys or is_given_name(x.text.split()[0])
                          or len(names) >= 3 and not any(w in AWARD_WORDS for w in x.text.split()))]
            # (a name that opens with no known given name needs a longer list of people: "Emmy Award" is
            # no one; a surname met alone in another work's cast is someone else's)
            credited = not bare and any(f.p in _CREW_RELATIONS and hasattr(f.o, "name") and fold(f.o.name) in folds for f in ctx.facts)
            # (a crew credit keeps a name out of a cast list, but not out of a bare one: producers may act too)
            if fresh and not credited:
                for x in fresh:
                    ctx.fact(work, "castMember", ctx.person(x), sent, 0.6)
                related.update(folds)
            i = k if k > i else i + 1


#: A company's or a director's casting told actively: "Lumen has cast A in its series X",
#: "Orbis has enlisted A and B for the limited series Y", "the streamer has added C to the cast of Z".
_ACTIVE_CAST = re.compile(r"\b(?:(?:has|have|had)\s+(?:also\s+|just\s+|officially\s+|now\s+)?(?:cast|tapped|enlisted|recruited|booked|added)"
                          r"|casts|taps|enlists|recruits|adds)\s+(?=[A-Z])")


def _active_cast(ctx, sent):
    """The people a company casts "in" or "for" a work named just after them, or adds "to the
    cast of" it: that work's cast (with "as", the role rule reads them)."""
    for m in _ACTIVE_CAST.finditer(ctx.text, sent.start, sent.end):
        items, j = people_list(ctx, sent, sent.tok_at(m.end()), False)
        people = [x for x, _, org in items if not isinstance(x, str) and org is None and ctx.looks_person(x.text)
                  and not ctx.is_work(x.text)]
        if not people or len(people) != len(items):
            continue
        if sent.t(j) == "to" and sent.words(j + 1, j + 4) == ["the", "cast", "of"]:
            j += 4  # "has added C to the cast of Z"
        elif sent.t(j) in ("in", "for"):
            j += 1
        else:
            continue  # "has cast A as R": the roles are read by the "as" rule
        later = next((w for w in locate_works(ctx, sent) if j <= w[0] <= j + 5
                      and all(sent.t(x).islower() or sent.t(x) in ("“", '"', "‘") for x in range(j, w[0]))), None)
        if later is None:
            continue
        work = work_mention(ctx, sent, *later)
        for p in people:
            ctx.fact(work, "castMember", ctx.person(p), sent, 0.75)
