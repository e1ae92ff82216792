"""Reading people in credit lists and clauses: shared by the cast, credits and book rules.

Press releases name people in lists ("A, B, and C"), with role words ("showrunner X"),
companies ("X of Brightmoor", "The Lantern Group's Y"), relative clauses (", who directed")
and pronouns; these helpers read those shapes once so that each rule stays short.
"""

from __future__ import annotations

import re

from ..grammar import JOB_TITLE_HEADS, JOB_TITLE_WORDS, NATIONALITY, Name, is_cap, is_upper_word
from ...names import fold
from ..firstnames import is_given_name
from ..context import PRONOUNS
from .anchor import reads_as_person
from .roles import CAST_GROUP_NOUNS, DESCRIPTORS, ROLE_WORDS, paren_role_codes, slash_roles




def _paren_roles(sent, i, j):
    """The roles a parenthesis of role words after a credited name gives that person alone:
    "executive produced by A, B (writer/creator) and C (director)". A parenthesis with any
    other word (an earlier credit) gives none."""
    out = []
    for k in range(i, j):
        t = sent.t(k).lower()
        if t in ("and", "&", ",", "/"):
            continue
        rel = ROLE_WORDS.get(t, "").split("+") if t in ROLE_WORDS else slash_roles(t)
        if not rel:
            return paren_role_codes(sent.span_text(i, j))  # "(head writer, exec producer)"
        out += [r for r in rel if r not in out]
    return out


def _descriptor_chain_end(sent, i):
    """The index of the name after a list of what a person is ("director, producer and
    filmmaker Noor Halvorsen", "writer, actor and comedian X"), or 0: two or more lower-case
    role or descriptor nouns joined by commas and "and", one of them a plain descriptor."""
    k, words, plain = i, 0, False
    while k < i + 12:
        t = sent.t(k)
        if not t[:1].islower() or not (t in DESCRIPTORS or t in ROLE_WORDS):
            break
        words += 1
        plain = plain or t in DESCRIPTORS
        k += 1
        if sent.t(k) == "," and sent.t(k + 1) == "and":
            k += 2
        elif sent.t(k) in (",", "and", "&"):
            k += 1
        else:
            break
    return k if words >= 2 and plain and sent.t(k - 1) not in (",", "and", "&") and is_cap(sent.t(k)) else 0


#: Words of praise a press release puts before a company's name ("the acclaimed Hartswood Films").
_COMPANY_PRAISE = frozenset("acclaimed renowned celebrated prolific leading independent".split())


def _company_before_person(ctx, sent, name):
    """ "Mopar's William Diskay": a one-word possessor that is nobody's name, before a full name
    that opens with a given name, is the person's company."""
    if " " in name.text or is_given_name(name.text) or fold(name.text) in ctx.person_keys or ctx.surname_in_text(name.text):
        return False
    person = sent.name_at(name.j + 1, "name")
    return person is not None and " " in person.text and is_given_name(person.text.split()[0])


#: The awards a person is introduced by, before the name: "multi-Emmy Award winners", "Emmy, SAG and
#: Golden Globe Award winner", "Academy Award nominee and Emmy Award winner".
_AWARD_NAMES = r"(?:multi-)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}"
_AWARD_ITEM = r"(?:(?:multi-)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}\s+Awards?|(?:multi-)?[A-Z][\w'’-]*)"
_AWARD_DESCRIPTION = re.compile(rf"(?:{_AWARD_ITEM}(?:,\s*|\s+and\s+|\s+&\s+)){{0,4}}{_AWARD_NAMES}\s+(?:winners?|nominees?)"
                                rf"(?:\s+and\s+{_AWARD_NAMES}\s+(?:winners?|nominees?))?\s+(?=[A-Z])")


def _praise(word):
    """Praise that may stand before a name in a credit: "acclaimed", "award-winning", "BAFTA-nominated"."""
    w = word.lower()
    return w in _COMPANY_PRAISE or w.endswith(("-winning", "-nominated"))


def company_named(ctx, sent, i):
    """A name of two words or more at token i that reads as a company ("Ululo Company", "Gordon
    Studios"): the name an article may stand before in a credit."""
    name = sent.name_at(i, "org")
    return name is not None and len(name.text.split()) >= 2 and ctx.looks_org(name.text)


#: The words between a credited person and the company they are credited with.
_OF_COMPANY = ("of", "for", "from", "at", "through")


def people_list(ctx, sent, i, allow_roles=True, companies=False):
    """A credits list: names with optional role words, "of <Org>" and "<Org>'s" parts.

    A company named with people applies to the whole "and" group it closes or opens:
    "Piotr Walczyk and Marek Dąbal of Sable Image", "Tall-Tree Films' Jamie Orrin
    and Hakan Velles". Items are separated by commas, "and", "&" or semicolons. With
    ``companies`` (a list of production companies), "Coates' 9th & Alder" is the company
    9th & Alder credited with the person Coates.

    Returns ([(Name, roles, org_name)], next_index).
    """
    items = []
    n = len(sent.toks)
    roles = []
    role_once = False  # a singular role word applies to the next name only
    semis = False      # whether semicolons separate the list's groups
    group = []        # indexes of items joined by "and" with no company of their own yet
    poss_org = None   # "<Org>'s A and B"
    while i < n:
        # role words before names: "co-showrunners A and B", "showrunner X"
        t = sent.t(i).lower()
        if t == "the" and _praise(sent.t(i + 1)) and (companies or not items):
            i += 1  # "the acclaimed Hartswood Films", "directed by the BAFTA-winning Lewis Arno"
            continue
        if t == "the" and sent.t(i) == "the" and is_cap(sent.t(i + 1)) and company_named(ctx, sent, i + 1):
            i += 1  # "produced by the Ululo Company": the article of a company's name
            continue
        if companies and t in ("distributor", "distributors", "studio", "studios") and sent.t(i) == t and is_cap(sent.t(i + 1)):
            i += 1  # "in association with distributors Orbis and Skyline": the companies' trade before their names
            continue
        if _praise(sent.t(i)) and is_cap(sent.t(i + 1)) and (companies or "-" in sent.t(i)[1:]):
            i += 1  # "produced by award-winning Hartswood Films", "by BAFTA-winning Lewis Arno": praise before the name
            continue
        if NATIONALITY.fullmatch(sent.t(i)) and sent.t(i + 1).islower() and sent.t(i + 1) in ROLE_WORDS:
            i += 1  # "created by Inuk showrunners A and B": a people's adjective before the role word
            continue
        if allow_roles and t in ("lead", "head", "chief", "principal") and sent.t(i + 1).lower() in ROLE_WORDS:
            i += 1  # "together with C and lead writer D": the role word after its adjective
            continue
        if allow_roles and (t in ROLE_WORDS or "/" in t and slash_roles(t)):
            roles = ROLE_WORDS[t].split("+") if t in ROLE_WORDS else slash_roles(t)
            role_once = not t.endswith("s")  # "showrunner B, C and D": B's alone; "co-showrunners B and C": both
            i += 1
            continue
        if allow_roles and t in ("executive", "co-executive", "co–executive") and sent.t(i + 1).lower().startswith("producer"):
            # "executive producers/showrunners/writers A and B"
            roles = ["EP" if t == "executive" else "coEP"] + [r for r in slash_roles(sent.t(i + 1)) if r != "EP"]
            i += 2
            continue
        if t in ("and", ",", "&"):
            i += 1
            continue
        award = _AWARD_DESCRIPTION.match(sent.doc_text, sent.toks[i].start, sent.end) if i < n and (is_cap(sent.t(i)) or t.startswith("multi")) else None
        if award:
            i = sent.tok_at(award.end())  # "multi-Emmy Award winners A and B", "Emmy, SAG and Golden Globe Award winner A"
            continue
        chain = _descriptor_chain_end(sent, i) or (t.islower() and _descriptor_chain_end(sent, i + 1))
        if chain:
            i = chain  # "award-winning director, producer and filmmaker Noor Halvorsen": what she is, no credit
            continue
        if items and sent.t(i - 1) == "and" and (t in CAST_GROUP_NOUNS and is_cap(sent.t(i + 1))
                                                 or t.isalpha() and t.islower() and sent.t(i + 1) in CAST_GROUP_NOUNS and is_cap(sent.t(i + 2))):
            i += 1 + (t not in CAST_GROUP_NOUNS)  # "A and B, and (local) favourites C and D"
            continue
        if t in DESCRIPTORS and is_cap(sent.t(i + 1)) or ("-" in t or t.isalpha() and t.islower()) and sent.t(i + 1).lower() in DESCRIPTORS \
                and is_cap(sent.t(i + 2)):
            i += 1  # "Oscar-nominated cinematographer Ruth Carrow"
            continue
        if t in PRONOUNS and sent.t(i)[0].isupper() is False or t in ("he", "she"):
            if items and sent.t(i - 1) == "and" and (_clause_verb(sent.t(i + 1)) or sent.t(i + 1) in ("would", "also", "then")):
                break  # "written by Owen Pratley and he will executive produce": a new clause
            items.append((t, list(roles), None))
            i += 1
            if sent.t(i) in (",", "and", "&"):
                continue
            break
        name = sent.name_at(i, "name")
        if name is None and (sent.t(i) == "The" or sent.t(i).isdigit()):
            name = sent.name_at(i, "org")
        if name is None and is_cap(sent.t(i)):
            # "It Ends In Rain star Brandon Keel": an earlier title, then a descriptor
            d = i + 1
            while d < n and d < i + 7 and (is_cap(sent.t(d)) or sent.t(d) in ("of", "the", "a", "and", ":")) \
                    and sent.t(d).lower() not in DESCRIPTORS:
                d += 1
            if sent.t(d).lower() in DESCRIPTORS | {"star", "alum"} and is_cap(sent.t(d + 1)):
                i = d + 1
                continue
        if name is None:
            break
        members, end = group_members(sent, name)
        if members:
            items += [(mbr, list(roles), None) for mbr in members]  # "The Quill Brothers, Matt and Ross"
            i = end
            if sent.t(i) in (",", "and", "&") and is_cap(sent.t(i + 1)):
                i += 1
                continue
            break
        after_group = _group_noun_end(sent, name.j) if not name.possessive else None
        if after_group is not None and is_cap(sent.t(after_group)) and not reads_as_person(ctx, name.text):
            # "Brightland heavy hitters Nora Pell, Betsy Crane and Tom Arlo": the company of all
            poss_org = name
            i = after_group
            continue
        if not name.possessive and sent.t(name.j).lower() in _AWARD_NOUNS and is_cap(sent.t(name.j + 1)):
            # "Academy Award and Emmy Award winner Patricia Olmsted": awards, not people
            prev = items[-1][0] if items and sent.t(name.i - 1) == "and" else None
            if prev is not None and not isinstance(prev, str) and (prev.text.split()[-1] in ("Award", "Awards", "Prize")
                                                                  or len(prev.text.split()) == 1):
                items.pop()  # "Oscar and": the first award
            i = name.j + 1
            continue
        if not name.possessive and sent.t(name.j).lower() in DESCRIPTORS | {"star", "alum"} and is_cap(sent.t(name.j + 1)):
            i = name.j + 1  # "Warm Hands actor John Tolley", "It Ends In Rain star Brandon Keel"
            continue
        if items and not name.possessive and " " not in name.text and sent.t(name.j) in CAST_GROUP_NOUNS and is_cap(sent.t(name.j + 1)) \
                and sent.t(i - 1) == "and":
            i = name.j + 1  # "A (credit) and B (credit), and Australian favourites C": a further group of the list
            continue
        if not name.possessive and sent.t(name.j).lower() in ("winning", "nominated") and sent.t(name.j - 1) in _AWARD_HEADS:
            # "Emmy Award winning comedian Martin Brisk": an award, unhyphenated
            i = name.j + 1
            continue
        if _AWARD_ADJ.search(name.text) and not name.possessive:
            # "Academy Award-nominated actress Una Thorne", "Oscar and Emmy Award-winning actor X"
            prev = items[-1][0] if items else None
            if prev is not None and not isinstance(prev, str) and sent.t(name.i - 1) == "and" and len(prev.text.split()) == 1:
                items.pop()  # "Oscar and": the first award
            i = name.j
            continue
        org = None
        title_end = _job_title_end(sent, name.j) if not name.possessive else None
        if title_end is not None and is_cap(sent.t(title_end)) and not ctx.looks_person_strict(name.text):
            # "executive produced by A, Parallax Television president Gideon Marsh, and B"
            person = sent.name_at(title_end, "name")
            if person is not None and ctx.looks_person(person.text):
                org, name = name, person
        if org is None and name.possessive and (ctx.looks_org(name.text) or _company_before_person(ctx, sent, name)):
            # "The Lantern Group's Ellen Marsh-Vey"
            person = sent.name_at(name.j + 1, "name")
            if person:
                org, name = name, person
                poss_org = org
        elif name.possessive and companies and not ctx.is_work(name.text):
            # "in association with Coates' 9th & Alder": the company, credited with its person
            company = sent.name_at(name.j + 1, "org")
            if company is not None and not company.possessive:
                items.append((company, list(roles), None))
                if reads_as_person(ctx, name.text):  # not "Blue Kite's Orrin Productions": a parent company
                    ctx.fact(ctx.person(name), "employer", ctx.mention(company, "Organization", company.start), sent, 0.8)
                i = company.j
                group = []
                if sent.t(i) in (",", "and", "&", ";"):
                    i += 1 + (sent.t(i + 1) in ("and", "&"))
                    continue
                break
        if org is None and poss_org is not None:
            org = poss_org
        if items and (sent.t(name.i - 1) == "and" and sent.t(name.i - 2) == "," or sent.t(name.i - 1) == ";") \
                and (_clause_verb(sent.t(name.j)) or sent.t(name.j).lower() in ("co-executive", "co-writes", "directs", "writes")):
            break  # "by A and B, and C serves as showrunner", "with B; C co-executive produces": C starts a new clause
        i = name.j
        # ("executive produced by A through Media Red": the company the producer works through)
        the = sent.t(i) in _OF_COMPANY and sent.t(i + 1) == "the" and company_named(ctx, sent, i + 2)
        if sent.t(i) in _OF_COMPANY and (is_cap(sent.t(i + 1)) or sent.t(i + 1).isdigit() or the):
            o = sent.name_at(i + 1 + the, "org")  # ("for the Gordon Company": the article of a company's name)
            if o is not None and o.possessive and is_cap(sent.t(o.j + 1)):
                # "Katy Arden of Rhodes' Uptown Video": the company after its owner's name
                o2 = sent.name_at(o.j + 1, "org")
                o = o2 if o2 is not None and not o2.possessive else None
            if o and ctx.looks_org(o.text) or (o and sent.t(i) in ("of", "through") and not ctx.looks_person_strict(o.text)):
                org = o
                i = o.j
        own_roles = []
        if sent.t(i) == "(":
            close = i + 1  # a parenthesis of earlier credits may list several quoted titles
            while close < n and close < i + 30 and sent.t(close) not in (")", "("):
                close += 1
            if sent.t(close) == ")":
                own_roles = _paren_roles(sent, i + 1, close) if allow_roles else []
                i = close + 1
        if org is not None and poss_org is None:
            for g in group:  # "A and B of <Org>"
                a, r, _ = items[g]
                items[g] = (a, r, org)
        items.append((name, list(roles) + [r for r in own_roles if r not in roles], org))
        if role_once:
            roles, role_once = [], False
        if org is None:
            group.append(len(items) - 1)
        if sent.t(i) == "," and sent.t(i + 1) in ("who", "best", "known") and not allow_roles:
            # "Ruben Castell, who played Sam Oduya on Harbor Nine from 2015 to 2019, and Greta
            # Lindahl": step over the relative clause to the next item
            e = i + 2
            while e < n and e < i + 24 and sent.t(e) not in (",", ";", "."):
                e += 1
            if sent.t(e) == "," and sent.t(e + 1) in ("'", "’", "”", '"'):
                e += 1  # "Aldo Fenwick, known for his role in 'Paper Harbor,' and Mina Throssel"
                if sent.t(e + 1) in ("and", "&") and is_cap(sent.t(e + 2)):
                    i = e + 1
            elif sent.t(e) == "," and sent.t(e + 1) in ("and", "&") and is_cap(sent.t(e + 2)):
                i = e
        if sent.t(i) == ";":
            semis = True  # "with A; B, C and D of <Org>; and E": semicolons part the groups, commas do not
        if sent.t(i) in (",", ";") and sent.t(i + 1) in ("and", "&"):
            i += 2
            if sent.t(i - 2) == ";" or not semis:
                group, poss_org = [], None
        elif sent.t(i) in (",", ";"):
            i += 1
            if sent.t(i - 1) == ";" or not semis:
                group, poss_org = [], None
        elif sent.t(i) in ("and", "&"):
            i += 1
        elif sent.t(i) == "together" and sent.t(i + 1) == "with" and is_cap(sent.t(i + 2)):
            i += 2  # "created by A and B together with C, D and E": one list
            group, poss_org = [], None
        else:
            break
    return items, i


#: Nouns for the people of a company before their names ("Brightland heavy hitters A and B").
_GROUP_NOUNS = frozenset("executives execs principals founders co-founders chiefs bosses toppers heads co-heads".split())


def _group_noun_end(sent, j):
    """The index after "heavy hitters" / "executives" at token j, or None."""
    if sent.t(j) == "heavy" and sent.t(j + 1) == "hitters":
        return j + 2
    return j + 1 if sent.t(j) in _GROUP_NOUNS else None


def _job_title_end(sent, j):
    """The index after a lower-case job title starting at token j ("president", "chief
    content officer", "head of drama"), or None."""
    k = j
    head = False
    while k < j + 6 and sent.t(k) in JOB_TITLE_WORDS:
        head = head or sent.t(k) in JOB_TITLE_HEADS
        k += 1
    return k if head and sent.t(k - 1) not in ("of", "and", "&") else None


#: The last word of an award's name: "Emmy Award", "Golden Globes", "Peabody".
_AWARD_HEADS = frozenset("Award Awards Prize Globe Globes Emmy Emmys Oscar Oscars Tony Peabody BAFTA".split())
#: An award adjective closing a capitalised span: "Tony Award-winning", "Oscar-nominated".
_AWARD_ADJ = re.compile(r"-(?:winning|nominated|winner|nominee|award-winning)$", re.I)


_CLAUSE_VERBS = frozenset("is was will has had serves served executive also remains wrote directed created developed "
                          "joins joined plays returns stars".split())


def _clause_verb(t):
    return t in _CLAUSE_VERBS


def resolve_pronoun(ctx, sent, k, word):
    """People a pronoun at token k refers to: the people named before it in this sentence, else the
    previous one's first ("they" there: the list that opens it, "A and B created it. They ...")."""
    names = person_names(ctx, sent, 0, k)
    if word == "both":
        return names[-2:] if len(names) >= 2 else []
    if word == "they" and names:
        return names[-2:] if len(names) >= 2 else names
    if names:
        return names[-1:]
    idx = ctx.sents.index(sent)
    if idx > 0:
        before = ctx.sents[idx - 1]
        prev = person_names(ctx, before, 0, len(before.toks))
        if prev and word == "they":
            group = prev[:1]
            for n in prev[1:]:
                if any(w not in (",", "and", "&") for w in before.words(group[-1].j, n.i)):
                    break
                group.append(n)
            return group if len(group) > 1 else []
        if prev:
            return prev[:1]
    return []


def person_names(ctx, sent, lo, hi):
    out = []
    i = lo
    while i < hi:
        if is_cap(sent.t(i)):
            n = sent.name_at(i, "name")
            if n and n.j <= hi:
                if ctx.looks_person(n.text):
                    out.append(n)
                i = n.j
                continue
        i += 1
    return out


def person_names_loose(ctx, sent, lo, hi):
    out = []
    i = lo
    while i < hi:
        if is_cap(sent.t(i)):
            n = sent.name_at(i, "name")
            if n and n.j <= hi:
                if not ctx.looks_org(n.text) and not ctx.is_work(n.text):
                    out.append(n)
                i = n.j
                continue
        i += 1
    return out


def _relative_with_list(sent, back, k):
    """The "who" of a relative clause that holds a list, back from token ``back``: "Pelham, who is
    known as a writer, director, and producer, currently serves"; else ``back``."""
    tail = sent.words(back - 3, back)
    if "and" not in tail or not all(w.islower() for w in tail[tail.index("and") + 1:] or ["X"]):
        return back  # the clause must close on "..., and producer,"
    far = back - 1
    while far > 0 and far > k - 24 and sent.t(far).lower() not in ("who", ";", ".", "(", ")"):
        far -= 1
    if sent.t(far).lower() == "who" and sent.t(far - 1) == ",":
        return far
    return back


def subject_names(ctx, sent, j):
    """The people (a list, or a pronoun) whose clause ends before token j, skipping ", who ..., "."""
    k = _before_paren(sent, j)
    if sent.t(k - 1) in ('"', "”", "’", "'") and sent.t(k - 2) == ",":
        k -= 1  # "Jane Roe, who created “Driftwood,” will": the comma inside the closing quote
    if sent.t(k - 1) == "whom" and sent.t(k - 2) == "of" and sent.t(k - 3).lower() in ("both", "all", "each") \
            and sent.t(k - 4) == ",":
        # "created by A & B, both of whom executive produce": all the names before the comma
        return subject_names(ctx, sent, k - 4)
    if sent.t(k - 1).lower() == "who" and sent.t(k - 2) in (",", "—", "–"):  # "Whitcombe — who will write"
        # "..., and Jean-Luc Varenne, who directed": the relative clause is about the last name only;
        # "Katherine Fallow (“The Baker & Me”), who created": a credit in parentheses between
        last = sent.name_before(_before_paren(sent, k - 2), "name")
        if last is not None and ctx.looks_org(last.text):
            b = last.i - 1
            while b > last.i - 4 and (is_cap(sent.t(b)) or sent.t(b).isdigit()):
                b -= 1  # "of 7 Quiet Hours Productions"
            if sent.t(b) == "of":
                return subject_names(ctx, sent, b)  # "A and B of <Org>, who developed it": both
        if last is not None and sent.t(last.i - 1) == "&":
            team = sent.name_before(last.i - 1, "name")  # "A & B, who wrote it": a team, both
            if team is not None and not team.possessive and ctx.looks_person(team.text):
                return [team, last], k - 2
        return ([last] if last is not None else []), k - 2
    elif sent.t(k - 1) != ",":
        # "Ted Harlow, who developed it, is showrunner"
        back = k - 1
        while back > 0 and back > k - 12 and sent.t(back).lower() != "who" and sent.t(back)[:1].islower():
            back -= 1
        if sent.t(back) == ",":  # the scan stopped at a list's comma
            back = _relative_with_list(sent, back, k)
        elif sent.t(back).lower() != "who" and sent.t(k) == ",":
            # "Hanna Lodge, who served as writer on Season 2, returns as": names and numbers inside
            far = back
            while far > 0 and far > k - 16 and sent.t(far) not in (",", ";", ".", "(", ")") and sent.t(far).lower() != "who":
                far -= 1
            if sent.t(far).lower() == "who" and not person_names(ctx, sent, far + 1, k):
                back = far  # (not "A, who developed it with B and C, both of whom write": B and C)
        if sent.t(back).lower() == "who" and sent.t(back - 1) in (",", "—", "–"):
            k = back - 1
        elif sent.t(back) == "," and sent.t(k) == "," and (sent.t(back + 1).lower() in ("the", "an", "its", "his", "her", "their")
                                                          or sent.t(back + 1).lower() in ROLE_WORDS):
            k = back  # "Jane Roe, creator of the series, is showrunner": an appositive
        elif sent.t(back).lower() == "who" and sent.t(back - 1) == "(":
            last = sent.name_before(back - 1, "name")  # "Shawn Leddy (who also directs)"
            return ([last] if last is not None else []), back - 1
    # skip a relative clause ", who developed it,"
    elif sent.t(k - 1) == ",":
        back = k - 2
        while back > 0 and back > k - 14 and sent.t(back).lower() not in ("who", "whose", ","):
            back -= 1
        if sent.t(back) == ",":
            back = _relative_with_list(sent, back, k)
        if sent.t(back).lower() in ("who", "whose") and sent.t(back - 1) in (",", "—", "–"):
            k = back - 1  # "Vane, whose earlier book was also adapted, executive produces"
        elif sent.t(back) == "," and (sent.t(back + 1).lower() in ("the", "an", "its", "his", "her", "their")
                                      or sent.t(back + 1).lower() in ROLE_WORDS) and back < k - 2:
            k = back  # "Jane Roe, the series creator, will executive produce": an appositive
        elif sent.t(k - 1) == ",":
            k -= 1
    if sent.t(k - 1).lower() in PRONOUNS:
        return sent.t(k - 1).lower(), k - 1
    # "A and B", "A, B and C"
    for g in range(max(0, k - 10), k - 3):
        # "created by The Quill Brothers, Matt and Ross, who are": the whole family
        group = sent.name_at(g, "org") if sent.t(g) == "The" else None
        members, end = group_members(sent, group) if group is not None else ([], None)
        if members and end == k + (sent.t(k) == ","):
            return members, group.i
    last = sent.name_before(k, "name")
    if last is None:
        return [], k
    family = _family_members(ctx, sent, last)
    if family:
        return family, last.i
    names = [last]
    i = last.i
    while i > 0:
        company = _titled_company_before(ctx, sent, i)
        if company is not None:
            i = company  # "Mark Dorran and The Mark Dorran Company's President of Production, Debra Spence serve"
            continue
        if sent.t(i - 1) in ("and", "&") and sent.t(i - 2) == ",":
            prev = sent.name_before(_before_paren(sent, i - 2), "name")
            if prev is not None and sent.t(prev.i - 1) in ("and", "&", "by"):
                break  # "by A and B, and C serves": a new clause, not the list "A, B, and C"
        elif sent.t(i - 1) in (",", "and", "&"):
            prev = sent.name_before(_before_paren(sent, i - 1), "name")
        else:
            break
        if prev is None or prev.possessive:
            break
        names.insert(0, prev)
        i = prev.i
    if sent.t(i - 1) == "with" and sent.t(i - 2) == "," and is_cap(sent.t(i - 3)):
        lead = sent.name_before(i - 2, "name")  # "A, with B, C and D, is also an executive producer": A too
        if lead is not None and not lead.possessive and lead.i == 0 and ctx.looks_person(lead.text):
            return [lead] + names, 0
    if sent.t(i - 1).lower() in ROLE_WORDS:
        i -= 1
    if i >= 2 and sent.t(i - 1) == "and" and sent.t(i - 2).lower() in ("he", "she"):
        return [f"__pron__{sent.t(i - 2).lower()}@{i - 2}"] + names, i - 2
    return names, i


_GROUP_NAME = re.compile(r"(?:The )?(?P<surname>[A-Z][\w'-]+) (?:Brothers|Sisters|Twins|Bros\.?)$")


def group_members(sent, group):
    """ "The Quill Brothers, Matt and Ross": the people a family group's apposition names
    (Matt Quill, Ross Quill), and the token index after it; ([], None) otherwise."""
    m = _GROUP_NAME.match(group.text)
    if m is None or sent.t(group.j) != ",":
        return [], None
    out, i = [], group.j + 1
    while is_cap(sent.t(i)) and not is_cap(sent.t(i + 1)) and len(out) < 4:
        tok = sent.toks[i]
        out.append(Name(i, i + 1, tok.start, tok.end, f"{tok.text} {m.group('surname')}", [tok.text]))
        i += 1
        if sent.t(i) in ("and", "&") or sent.t(i) == "," and sent.t(i + 1) in ("and", "&"):
            i += 1 + (sent.t(i) == ",")
        elif sent.t(i) != ",":
            break
        else:
            i += 1
    return (out, i) if len(out) >= 2 else ([], None)


#: Nouns after an award's name that make the name after them a person's ("Emmy winner X").
_AWARD_NOUNS = frozenset("winner winners nominee nominees laureate recipient".split())


def _titled_company_before(ctx, sent, i):
    """The index of the first token of "<Org>'s <job title>," ending just before token i (a
    name's job title in a list of subjects), or None."""
    if sent.t(i - 1) != ",":
        return None
    b = i - 2
    while b > i - 8 and sent.t(b).lower() in JOB_TITLE_WORDS:
        b -= 1
    if b == i - 2 or sent.t(b) not in ("'s", "'"):
        return None
    org = sent.name_before(b, "org")
    if org is None or not ctx.looks_org(org.text):
        return None
    return org.i - (sent.t(org.i - 1) == "The")


def _before_paren(sent, k):
    """k, or the index of the "(" when a parenthesis closes just before token k
    ("Hilary Bevan Moss (“Tinder”) and Tom Nale (“The Quiet Locksmith”) will")."""
    if sent.t(k - 1) != ")":
        return k
    o = k - 2
    while o > 0 and o > k - 14 and sent.t(o) not in ("(", ")"):
        o -= 1
    return o if sent.t(o) == "(" else k


def _family_members(ctx, sent, name):
    """ "The Quills": the people already named with that surname."""
    w = name.text
    if " " in w or not w.endswith("s") or sent.t(name.i - 1) not in ("The", "the"):
        return []
    stem = fold(w[:-1])
    out, seen = [], set()
    for m in ctx.mentions:
        if m.type == "Person" and m.pos < name.start:
            f = fold(m.name).split()
            if len(f) > 1 and f[-1] == stem and fold(m.name) not in seen:
                seen.add(fold(m.name))
                out.append(Name(name.i, name.j, m.pos, m.pos + len(m.name), m.name, [], False))
    return out if len(out) > 1 else []


def known_person(ctx, name):
    """Whether a name reads as a person's: in full, or a surname the text gives in full
    elsewhere ("Ridlow and Jasper, who will star")."""
    return ctx.looks_person(name.text) or " " not in name.text and ctx.surname_in_text(name.text)


def list_before(ctx, sent, last, always=False, surnames=False):
    names = [last]
    i = last.i
    if sent.t(i - 1) in DESCRIPTORS:
        # "A, B and talented newcomer C star": a descriptor before the list's last name
        d = i - 1
        while d > i - 3 and sent.t(d - 1).isalpha() and sent.t(d - 1).islower() and sent.t(d - 1) not in ("and", "or"):
            d -= 1
        if sent.t(d - 1) in ("and", "&"):
            i = d
    while i > 0:
        if always and sent.t(i - 1) in ("star", "alum") and is_cap(sent.t(i - 2)):
            # "A and Six Kitchens star B are set to return": an earlier credit before the item
            d = i - 2
            while d > 0 and d > i - 8 and is_cap(sent.t(d - 1)):
                d -= 1
            prev = sent.name_before(d - 1, "name") if sent.t(d - 1) in (",", "and", "&") else None
            if prev is not None and (fold(prev.text) in ctx.person_keys or is_given_name(prev.text.split()[0])):
                i = d  # (not "Grey Calm and Glass Liner star B": two titles of his)
        sep = i - 1 - (sent.t(i - 1) in ("and", "&") and sent.t(i - 2) == ",")
        if sent.t(sep) in (",", "and", "&") and sent.t(sep - 1) == ")":
            # "A (“Old Show”), B and C also star": an earlier credit after an item
            o = sep - 2
            while o > sep - 12 and o > 0 and sent.t(o) not in ("(", ")"):
                o -= 1
            prev = sent.name_before(o, "name") if sent.t(o) == "(" else None
        elif sent.t(i - 1) in ("and", "&") and sent.t(i - 2) == ",":
            prev = sent.name_before(i - 2, "name")
        elif sent.t(i - 1) in (",", "and", "&"):
            prev = sent.name_before(i - 1, "name")
        else:
            break
        if prev is None or prev.possessive or not (known_person(ctx, prev) if surnames else ctx.looks_person(prev.text)):
            break
        # "Role, Person as Role; Person as ..." : a list item already paired with a role stops the list
        names.insert(0, prev)
        i = prev.i
        if always and sent.t(i - 1) == "'s" and is_cap(sent.t(i - 2)):
            # "A, B, Tidewell's C and D have all been confirmed": a show's possessive before an item
            owner = sent.name_before(i - 1, "name")
            if owner is not None and owner.possessive and owner.i < i - 1:
                i = owner.i
    if len(names) > 1 and not always and not _shares_roles(sent):
        return [last]
    return names


_SHARED_ROLES = re.compile(r"\b(?:respectively|return|returns|also|both|all|their roles)\b")


def _shares_roles(sent):
    """Whether a sentence says a list of people share what follows (once per sentence:
    a 2,000-name cast list asks 2,000 times)."""
    memo = sent._memo
    if "shares_roles" not in memo:
        memo["shares_roles"] = _SHARED_ROLES.search(sent.text) is not None
    return memo["shares_roles"]


_ROLE_STOP = frozenset("who which that in on at for with and to from is was will opposite alongside when while after before as of".split())


#: A lower-case word of a role's description: "detective", "tiki bar owner", "veteran/tiki".
_DESCRIPTOR_WORD = re.compile(r"[a-z][a-z-]*(?:/[a-z][a-z-]*)*")


def role_slot(ctx, sent, k):
    """The character named after "as" / "plays": skips determiners, descriptors and ranks."""
    n = len(sent.toks)
    steps = 0
    comma = False
    while k < n and steps < 12:
        t = sent.t(k)
        low = t.lower()
        if t in ("“", '"') and not steps and is_cap(sent.t(k + 1)):
            name = sent.name_at(k + 1, "char")  # "stars A as “Tess,” alongside B": a role in quotes
            close = name.j + (sent.t(name.j) in (",", ".")) if name is not None else k
            if name is not None and not name.possessive and sent.t(close) in ("”", '"'):
                return name
            return None
        if low in ("his", "her", "their", "its", "the", "a", "an", "also", "both", "one", "of", "new", "series", "regular", "voice", "young", "younger", "older", "teenage", "adult"):
            k += 1
            steps += 1
            continue
        if t == ",":
            k += 1
            steps += 1
            comma = True
            continue
        if t[:1].islower() and t.isalpha() or (t[:1].islower() and "-" in t):
            if low == "and" and steps and sent.t(k - 1)[:1].islower() and sent.t(k + 1)[:1].islower() \
                    and sent.t(k + 1) not in _ROLE_STOP:
                k += 1  # "as the prim and unwittingly hilarious Miss Tribble": adjectives joined
                steps += 1
                continue
            if low in ("who", "which", "that", "in", "on", "at", "for", "with", "and", "to", "from", "is", "was", "will", "opposite", "alongside", "when", "while", "after", "before"):
                return None
            if steps > 1 and low.endswith("ing") and sent.t(k - 1).endswith("s") and sent.t(k - 1)[:1].islower():
                return None  # "as the three heirs fighting over a Montana cattle empire": a description
            if sent.t(k + 1) == "of" and low not in ("role", "roles", "part", "character", "version", "likes"):
                return None  # "plays the daughter of Carmine Volta": a relative, not the role
            k += 1
            steps += 1
            continue
        if is_cap(t):
            name = sent.name_at(k, "char")
            if name is None:
                return None
            nxt = sent.t(name.j)
            # a descriptor before the role: "Martian marine Bobbie Trask", "U.N. official X",
            # "State Department senior diplomat Tom Wexley"
            m = name.j + (nxt == ".")
            m0 = m
            while m < m0 + 7 and (_DESCRIPTOR_WORD.fullmatch(sent.t(m)) and sent.t(m) not in _ROLE_STOP
                                  or sent.t(m) == "and" and m > m0 and _DESCRIPTOR_WORD.fullmatch(sent.t(m + 1))):
                m += 1  # "LAPD homicide detective Harry Brandt", "Hawaii-based investigator and former Navy SEAL X"
            if m > m0 and (is_cap(sent.t(m))):
                k = m0 + 1
                steps += 1
                continue
            if is_upper_word(name.text) and " " not in name.text and sent.t(name.j)[:1].islower():
                return None  # "as an ISB agent": an acronym before a noun describes the role
            if " " not in name.text and sent.t(name.i - 1) in ("a", "an") and sent.t(name.j).isalpha() \
                    and sent.t(name.j).islower() and sent.t(name.j) not in _ROLE_STOP:
                return None  # "as a Chicago reporter who ...": a place or a people's name describes the role
            if name.possessive:
                # "Brandt's partner, Detective Jerry Ellis"
                k = name.j + 1
                steps += 1
                continue
            if comma and sent.t(name.j) == "as":
                return None  # "B playing his wife, C as Inspector D": C is the list's next actor
            return name
        return None
    return None


def role_slot_ok(ctx, sent, k):
    return role_slot(ctx, sent, k) is not None and sent.t(k).lower() in ("a", "an", "the")


def role_slot_with_owner(ctx, sent, k):
    owner = None
    n = len(sent.toks)
    steps = 0
    while k < n and steps < 10:
        t = sent.t(k)
        if t.lower() in ("the", "a", "an", "his", "her", "their"):
            k += 1
            steps += 1
            continue
        if is_cap(t):
            name = sent.name_at(k, "name")
            if name is None:
                return None
            if name.possessive:
                owner = name
                k = name.j + 1
                steps += 1
                continue
            return owner, name
        if t[:1].islower() and t.replace("-", "").isalpha():
            k += 1
            steps += 1
            continue
        return None
    return None


def ctx_chars_before(ctx, sent, pos):
    return [m for m in ctx.mentions if m.type == "Character" and sent.start <= m.pos < pos]


def described_person(sent, k):
    """The name at token k is a person's by the descriptor noun that opens it or comes
    before it ("YouTuber A Roe's", "podcaster A Roe's first show"), whatever the name."""
    return sent.t(k).lower() in DESCRIPTORS or sent.t(k - 1).lower() in DESCRIPTORS or sent.t(k - 1).lower() in ROLE_WORDS
