"""Source works: basedOn, author, createdBy and the characters of books.

"based on <Author>'s novel <Title>", "<Author>'s <Name> novels", "the second book in
<Author>'s series", "the novel of the same name" and "<Author> created/introduced <Character>"
are the shapes; the authors found here are remembered so the cast rule does not read
"Connelly's Harry Bosch" as a portrayal.
"""

from __future__ import annotations

import re

from ..grammar import is_cap
from ..firstnames import is_given_name
from ...names import fold
from ..context import MAIN, M, NUMBERS
from .people import person_names, person_names_loose, role_slot, role_slot_with_owner, ctx_chars_before
from .works import add_work, locate_works, title_after, work_ref


SOURCE_TRIGGER = re.compile(
    r"\b(?:(?:loosely |very loosely )?based on|adapted from|an adaptation of|adaptation of|adapts|adapting|draws? on|drawing on|drawn from|"
    r"draws? inspiration from|drawing inspiration from|version of|retelling of|"
    r"inspired by|(?:threads|elements|stories|storylines|material|plots?) from)\b",
    re.I,
)


#: A sentence that opens on an adaptation, its kind named: "HBO Max’s upcoming 10-episode miniseries
#: adaptation of", "The film adaptation of".
_OWN_ADAPTATION = re.compile(r"[^,.;:]{0,80}?\b(?P<kind>miniseries|series|film|movie|feature|drama)\s+adaptation\s+of\b", re.I)
#: An adaptation a company orders: "Hulu just ordered a ten-episode adaptation of".
_ORDERED_ADAPTATION = re.compile(r"\b(?:ordered|greenlit|green-lit|picked up|commissioned|is developing|are developing)\s+(?:a|an)\s+"
                                 r"(?:[\w-]+\s+){0,4}?(?:(?P<kind>miniseries|series|film|movie|drama)\s+)?adaptation\s+of\s*$", re.I)
#: An adaptation as an item of a list of works: after a comma, "including" or "and".
_LISTED_ADAPTATION = re.compile(r"(?:,|\bincluding|\band)\s+the\s+(?:[\w-]+\s+){0,2}adaptation of$", re.I)


BOOK_SING = frozenset("novel book novella memoir story comic graphic debut bestseller best-seller title installment entry".split())


BOOK_PLUR = frozenset("novels books novellas stories comics titles series saga trilogy installments".split())
#: Capitalised words before "series" that make it a screen series: "Lumen's TV series X".
_MEDIA_WORDS = frozenset("TV Television Web Original Originals".split())


BOOK_ADJ = re.compile(r"^(?:best-?selling|bestselling|acclaimed|beloved|popular|hit|classic|award-winning|celebrated|"
                      r"iconic|bestseller|international|internationally|national|nationally|critically|new|young|adult|ya|crime|mystery|"
                      r"detective|fantasy|thriller|romance|famous|eponymous|original|graphic|first|second|third|"
                      r"fourth|fifth|sixth|seventh|eighth|ninth|tenth|latest|final|last|same-named|\d{4}|"
                      r"long-running|much-loved|legal|historical|science|fiction|science-fiction|sci-fi|horror|"
                      r"times|york|new|nytimes|1|#1|no|number|one|pulitzer|prize-winning|hugo|award|booker|"
                      r"espionage|psychological|non-fiction|nonfiction|literary|dystopian|romantic|comic|children's|"
                      r"young-adult|coming-of-age|true-crime|spy|thrilling|seminal|groundbreaking|hit|smash|viral)$", re.I)
#: Capitalised words allowed among a book's adjectives: a list's name ("#1 New York Times
#: best-selling novel").
_LIST_WORDS = frozenset("New York Times Sunday USA Today".split())
#: A nationality before a book word ("the British espionage books").
_DEMONYM = re.compile(r"[A-Z][a-z]+(?:ish|ian|an|ese|ch)$")
#: Genre nouns between an author and a title ("Edwin Marsh mystery The Opal Key").
_GENRE_NOUNS = frozenset("mystery thriller classic tale saga romance".split())


#: Source works the spec has no type for: a rule reading a source phrase stops at them.
_STAGE_NOUNS = frozenset("musical musicals play plays opera podcast podcasts song album game video film films movie".split())


#: What follows a television series, not a book series: "the Radio-Norvia series produced by
#: KXTV", "the Danish series that aired on NKT".
_TV_AFTER = re.compile(r"\s+(?:(?:that|which)\s+)?(?:produced|aired|airing|broadcast|shown|streaming)\b|\s+on\s+[A-Z]")


def _unnamed_book(ctx, author, plural, pos, phrase=()):
    """A source work the text names only by its author ("the novel by Hal Brenner",
    "Greta Vollmer's bestselling books"): called "<Author> novel" or "<Author> books",
    with the other ways of saying it as aliases, the text's own words among them
    (``phrase``: "graphic novel trilogy" gives "graphic novel trilogy by <Author>")."""
    a = " ".join(author.text.split())
    named = getattr(ctx, "named_books", {}).get((fold(a).split() or [""])[-1])
    if named is not None:
        return named  # "based on the award-winning novel by Achterberg": her novel named before
    if plural:
        m = ctx.mention(f"{a} books", "BookSeries", pos, aliases=[
            f"{a} novels", f"{a}'s novels", f"{a}'s books", f"books by {a}", f"novels by {a}", f"books written by {a}"])
    else:
        m = ctx.mention(f"{a} novel", "Novel", pos, aliases=[
            f"novel by {a}", f"{a}'s novel", f"{a} book", f"book by {a}", f"{a}'s book"])
    for k in range(max(0, len(phrase) - 3), len(phrase)):  # "memoir", "book series", "graphic novel trilogy"
        words = " ".join(phrase[k:])
        m.aliases += [f"{words} by {a}", f"{a} {words}"]
    m.unnamed = True
    return m


#: The role noun of a described author: "by Canadian comic book writer Rob Tessier".
_AUTHOR_NOUNS = frozenset("author authors writer writers novelist novelists journalist journalists cartoonist artist".split())


def _by_author(ctx, sent, j):
    """ "by Hal Brenner", "written by Nell Corrigan", "by Canadian comic book writer Rob Tessier"
    at token j: the author's Name, or None."""
    if sent.t(j) == "written":
        j += 1
    if sent.t(j) != "by":
        return None
    k = j + 1
    while k < j + 6 and (sent.t(k)[:1].islower() or _DEMONYM.match(sent.t(k))) and sent.t(k).lower() not in _AUTHOR_NOUNS:
        k += 1
    j = k if sent.t(k).lower() in _AUTHOR_NOUNS else j  # the described author's name follows the role noun
    if not is_cap(sent.t(j + 1)):
        return None
    a = sent.name_at(j + 1, "name")
    if a is None or a.possessive or ctx.looks_org(a.text) or ctx.is_work(a.text):
        return None
    return a


def _book_np(ctx, sent, i, unnamed=False, fronted=False):
    """Read a source-work phrase at token i.

    With ``unnamed``, a book named only by its author ("the novel by X", "X's novels") is a
    source work too; with ``fronted`` ("Based on X's novel, <Title> is ..."), a title after
    the comma is the sentence's subject, not the novel.

    Returns a list of (mention, author Name or None) and the end index.
    """
    toks = sent.toks
    n = len(toks)
    out = []
    author = None
    # "two of those books", "three of Connelly's novels"
    if sent.t(i).lower() in NUMBERS or sent.t(i).lower() in ("several", "some", "many", "both", "each", "one", "elements", "parts"):
        if sent.t(i + 1) == "of":
            i += 2
    while sent.t(i) in ("the", "a", "an", "his", "her", "their", "those", "these"):
        i += 1
    if re.fullmatch(r"1[89]\d\d|20\d\d", sent.t(i)) and is_cap(sent.t(i + 1)):
        i += 1  # "the 2016 Mara Quellen novel": the year of the book
    phrase_start = i
    if is_cap(sent.t(i)):
        name = sent.name_at(i, "name")
        if name and name.possessive and ctx.looks_person(name.text) or (name and name.possessive and not ctx.looks_org(name.text) and not ctx.is_work(name.text) and len(name.text.split()) <= 3):
            author = name
            i = name.j + 1
        elif name and len(name.text.split()) >= 2 and sent.t(name.j).lower() in BOOK_SING | BOOK_PLUR \
                and is_given_name(name.text.split()[0]) and "-" not in name.text and not ctx.is_work(name.text):
            author = name  # "the 2016 Mara Quellen novel": the author's name before the book noun
            i = name.j
    if author is not None and re.fullmatch(r"1[89]\d\d|20\d\d", sent.t(i)):
        i += 1  # "Emily Mandel’s 2014 post-apocalyptic novel": the year of the book, after its author
    # award words: "the Pulitzer Prize-winning novel", "Pulitzer Prize winner A's novel"
    if is_cap(sent.t(i)):
        award = sent.name_at(i, "title")
        if award is not None and re.search(r"-(?:winning|nominated)$", award.text):
            i = award.j
        elif award is not None and sent.t(award.j).lower() in ("winner", "winning", "nominee", "laureate") and is_cap(sent.t(award.j + 1)):
            i = award.j + 1
            name = sent.name_at(i, "name")
            if name and name.possessive and not ctx.looks_org(name.text):
                author = name
                i = name.j + 1
    # adjectives
    while i < n and (BOOK_ADJ.match(sent.t(i)) and not sent.t(i)[0].isupper()
                     and not (sent.t(i).lower() in BOOK_SING and (not sent.t(i + 1)[:1].isalpha() or sent.t(i + 1) in ("of", "by")))
                     or sent.t(i) in ("-", "#")
                     or sent.t(i) in _LIST_WORDS and (sent.t(i - 1) in ("#", "1") or sent.t(i - 1) in _LIST_WORDS)
                     or _DEMONYM.match(sent.t(i)) and sent.t(i + 1)[:1].islower() and i + 1 < n
                     and (BOOK_ADJ.match(sent.t(i + 1)) or sent.t(i + 1).lower() in BOOK_SING | BOOK_PLUR)
                     or sent.t(i) == "debut" and sent.t(i + 1).lower() in BOOK_SING | BOOK_PLUR
                     or sent.t(i) == "and" and BOOK_ADJ.match(sent.t(i - 1)) and BOOK_ADJ.match(sent.t(i + 1)) and sent.t(i + 1)[:1].islower()):
        i += 1
    if author is not None and sent.t(i) in ("“", '"', "‘"):
        # "the movie adaptation of Colleen Hale's “Verity”": the author's book, by its quoted title
        title = title_after(sent, i)
        if title is not None and not title.possessive and not ctx.looks_person_strict(title.text) and not ctx.looks_org(title.text):
            out.append((ctx.mention(title, "Novel", title.start), author))
            return out, title.j
    if author is not None:
        # "Mandel's post-apocalyptic novel", "Weir's hard-science bestselling novel": any description before the book noun
        x = i
        while x < i + 3 and re.fullmatch(r"[a-z]+(?:-[a-z]+)*", sent.t(x)) and sent.t(x) not in BOOK_SING | BOOK_PLUR:
            x += 1
        if x > i and sent.t(x).lower() in BOOK_SING | BOOK_PLUR:
            i = x
    t = sent.t(i).lower()
    compound = t in BOOK_SING and sent.t(i + 1).lower() in ("series", "saga", "trilogy")
    if compound:
        i += 1  # "book series", "graphic novel trilogy"
        t = sent.t(i).lower()
    phrase = [w.lower() for w in sent.words(max(phrase_start, i - 3), i + 1)] if author is None else []
    if t in _STAGE_NOUNS:
        return out, i  # "an adaptation of his Broadway musical": a stage work, not a book
    if t in BOOK_SING:
        j = i + 1
        if sent.t(j) == "of" and sent.t(j + 1) == "the" and sent.t(j + 2).lower() in ("same", "same-named"):
            by = _by_author(ctx, sent, j + 4)  # "the book of the same name by Walter Brisk"
            out.append(("__same__", author or by))
            return out, j + 4 if by is None else by.j
        by = _by_author(ctx, sent, j)
        if by is not None and author is None:
            if unnamed:  # "based on the book by Hal Brenner"
                out.append((_unnamed_book(ctx, by, False, by.start, phrase), by))
            return out, by.j
        comma = sent.t(j) == ","
        if comma:
            j += 1
        while sent.t(j).lower() in ("titled", "entitled", "called"):
            j += 1
        title = None if comma and fronted else title_after(sent, j)
        if title is not None and not ctx.looks_person_strict(title.text):
            after = title.j + (sent.t(title.j) in ("”", '"', "’", "'"))  # "the novel “The Long Tide” by X"
            by = _by_author(ctx, sent, after) if author is None else None
            out.append((ctx.mention(title, "Novel", title.start), author or by))
            return out, title.j if by is None else by.j
        if unnamed and author is not None:
            # "adapted from Robin Ashgrove's bestselling novel."
            out.append((_unnamed_book(ctx, author, False, author.start), author))
        return out, i + 1
    if t in BOOK_PLUR or t == "series":
        j = i + 1
        if sent.t(j) == "of" and sent.t(j + 1) == "the" and sent.t(j + 2).lower() in ("same", "same-named"):
            by = _by_author(ctx, sent, j + 4) if author is None else None  # "the novels of the same name written by A"
            out.append(("__same_series__", author or by))  # "book series of the same name"
            return out, j + 4 if by is None else by.j
        if sent.t(j).lower() in ("featuring", "about", "starring", "following", "centered", "centred"):
            c = role_slot(ctx, sent, j + 1)
            if c is not None:
                cm = ctx.character(sent, c)
                bs = ctx.mention(f"{cm.name} novels" if t not in ("series", "books") else f"{cm.name} {t}", "BookSeries", c.start)
                ctx.fact(bs, "hasCharacter", cm, sent, 0.85)
                out.append((bs, author))
                return out, c.j
        if sent.t(j) in (",", "—", "–", ":", "-", "--"):
            items, end = sent.names_list_at(j + 1, "title")
            if items:
                # "Agnes Morrow's book series, The Salt Chronicles": the series itself; "his novels, A and B": novels
                kind = "BookSeries" if len(items) == 1 and t in ("series", "saga", "trilogy") else "Novel"
                for it in items:
                    if not ctx.looks_person_strict(it.text):
                        out.append((ctx.mention(it, kind, it.start), author))
                return out, end
        by = _by_author(ctx, sent, j) if author is None else None
        if unnamed and (author or by) is not None and (t != "series" or compound):
            # "adapted from Greta Vollmer's bestselling books", "the books written by Nell Corrigan",
            # "the book series by Harlan Lee Mercer"
            a = author or by
            return [(_unnamed_book(ctx, a, True, a.start, phrase), a)], j if by is None else by.j
        if author is not None:
            return [("__author_books__", author)], j
        return out, j
    # "<Name> novels" / "<Name> series"
    if is_cap(sent.t(i)):
        name = sent.name_at(i, "title")
        if name is not None:
            nxt = sent.t(name.j).lower()
            k = name.j
            while sent.t(k) in ("®", "™") or BOOK_ADJ.match(sent.t(k)) and not is_cap(sent.t(k)):
                k += 1
            if sent.t(k).lower() in _STAGE_NOUNS:
                return out, i  # "his Broadway musical", "the Golden Globe® award-winning film": not a book
            if nxt == "series" and author is None and (ctx.looks_org(name.text) or _TV_AFTER.match(sent.doc_text, sent.toks[name.j].end, sent.end)):
                return out, i  # "an adaptation of the Radio-Norvia series produced by KXTV": a broadcaster's show
            if nxt in BOOK_PLUR or (nxt == "series" and author is not None):
                bs = ctx.mention(f"{name.text} {nxt}", "BookSeries", name.start,
                                 aliases=[f"{name.text} {x}" for x in ("novels", "books", "series") if x != nxt])
                bs._char_name = name.text
                out.append((bs, author))
                return out, name.j + 1
            if nxt in BOOK_SING and author is not None:
                out.append((ctx.mention(name, "Novel", name.start), author))
                return out, name.j + 1
            if (nxt in BOOK_SING or nxt in _GENRE_NOUNS) and author is None and ctx.looks_person(name.text) and not name.possessive:
                # "a version of Edwin Marsh mystery The Opal Key"
                title = title_after(sent, name.j + 1)
                if title is not None and not ctx.looks_person_strict(title.text):
                    out.append((ctx.mention(title, "Novel", title.start), name))
                    return out, title.j
            m = name.j
            while m < name.j + 3 and re.fullmatch(r"[a-z]+(?:-[a-z]+)?", sent.t(m)) and sent.t(m) not in BOOK_PLUR | BOOK_SING:
                m += 1
            if author is None and m > name.j and sent.t(m).lower() in BOOK_PLUR | BOOK_SING and not name.possessive:
                return _book_np(ctx, sent, m, unnamed, fronted)  # "the Cold War thriller novels by A": a modifier, not a title
            other = sent.name_at(name.j + 1, "title") if nxt in ("and", "&") and is_cap(sent.t(name.j + 1)) else None
            if nxt in _GENRE_NOUNS or other is not None and sent.t(other.j).lower() in _GENRE_NOUNS:
                return out, i  # "based on the Varga/Stone classic", "the A and B classic": its makers, the work unnamed
            if author is None and not ctx.looks_person_strict(name.text) and not ctx.looks_org(name.text):
                # a bare title: a novel (or the work's own source); "by <Person>" names its author
                m = ctx.mention(name, "Novel", name.start)
                j = name.j
                if sent.t(j) == "by" and is_cap(sent.t(j + 1)):
                    a = sent.name_at(j + 1, "name")
                    if a:
                        author, j = a, a.j
                out.append((m, author))
                return out, j
    return out, i


def _co_authors(ctx, sent, author):
    """ "the book Dropping the Call by Moira Fenn and Paul Drury": the author named
    with the first one."""
    if author.i >= len(sent.toks) or sent.toks[author.i].start != author.start or sent.t(author.j) not in ("and", "&"):
        return []  # a name read in another sentence
    b = sent.name_at(author.j + 1, "name") if is_cap(sent.t(author.j + 1)) else None
    if b is None or b.possessive or not ctx.looks_person(b.text):
        return []
    return [b]


def _apply_books(ctx, sent, books, work=None, conf=0.85):
    for b, author in books:
        if b in ("__same__", "__same_series__"):
            wk = work if work is not None else MAIN
            b = ("SAME" if b == "__same__" else "SAME_SERIES", wk)
            ctx.fact(wk, "basedOn", b, sent, conf)
            if author:
                ctx.fact(b, "author", ctx.person(author), sent, conf)
                ctx.author_keys.add(fold(author.text))
            continue
        if b == "__author_books__":
            if author:
                ctx.author_keys.add(fold(author.text))
            continue
        if work is not None:
            ctx.fact(work, "basedOn", b, sent, conf)
        if author is not None:
            for a in [author] + _co_authors(ctx, sent, author):
                ctx.fact(b, "author", ctx.person(a), sent, conf)
                ctx.author_keys.add(fold(a.text))
            if not getattr(b, "unnamed", False):
                ctx.__dict__.setdefault("named_books", {}).setdefault((fold(author.text).split() or [""])[-1], b)
        else:
            ctx.pending_authorless = getattr(ctx, "pending_authorless", [])
            ctx.pending_authorless.append((b, sent))


#: "Vane, whose earlier book Glasshouse Weather was also adapted": the person's own book.
_WHOSE_BOOK = re.compile(r",\s+whose\s+(?:[\w-]+\s+){0,2}?(?:book|novel|memoir)\s+(?=[“\"‘A-Z])")


def _whose_book(ctx, sent):
    for m in _WHOSE_BOOK.finditer(ctx.text, sent.start, sent.end):
        a = sent.name_before(sent.tok_at(m.start()), "name")
        t = title_after(sent, sent.tok_at(m.end()))
        if a is None or t is None or a.possessive or t.possessive or ctx.looks_org(a.text) or ctx.is_work(a.text) \
                or ctx.looks_person_strict(t.text) or ctx.looks_org(t.text):
            continue
        ctx.fact(ctx.mention(t, "Novel", t.start), "author", ctx.person(a), sent, 0.75)
        ctx.author_keys.add(fold(a.text))


#: "Rhoe's tenth Mirrorfall novel, “The Glass Tide,”": a possessive, a few words, a book noun, its title.
_AUTHORS_BOOK = re.compile(r"(?:'s|’s)\s+(?:[\w-]+\s+){0,3}?(?:novel|book)\s*,\s*(?=[“\"‘])")


def _known_authors_book(ctx, sent):
    """ "Rhoe's tenth Mirrorfall novel, “The Glass Tide,” is due": a known author's next book."""
    for m in _AUTHORS_BOOK.finditer(ctx.text, sent.start, sent.end):
        a = sent.name_before(sent.tok_at(m.start()), "name")
        t = title_after(sent, sent.tok_at(m.end()))
        if a is None or t is None or _author_of(ctx, a) is None or ctx.looks_person_strict(t.text):
            continue
        ctx.fact(ctx.mention(t, "Novel", t.start), "author", ctx.person(a), sent, 0.7)


def rule_books(ctx, sent):
    text = ctx.text
    if "whose" in sent.text:
        _whose_book(ctx, sent)
    if ctx.author_keys and ("'s" in sent.text or "’s" in sent.text):
        _known_authors_book(ctx, sent)
    for m in SOURCE_TRIGGER.finditer(text, sent.start, sent.end):
        i = sent.tok_at(m.end())
        books, end = _book_np(ctx, sent, i, unnamed=not sent.headline, fronted=m.start() == sent.start)
        if not books:
            continue
        subj_end = sent.tok_before(m.start())
        work = work_ref(ctx, sent, 0, subj_end)
        own = (_OWN_ADAPTATION.match(text, sent.start, m.end()) or _ORDERED_ADAPTATION.search(text, sent.start, m.end())) \
            if len(books) == 1 and isinstance(books[0][0], M) and not getattr(books[0][0], "unnamed", False) \
            and not any(w[1] <= subj_end for w in locate_works(ctx, sent)) else None
        if own is not None:
            # "HBO Max’s upcoming miniseries adaptation of A's novel Station Nine will star ...", "Hulu
            # ordered a ten-episode adaptation of A's novel X": the adaptation, named by nothing else,
            # goes by its source's title
            kind = "Film" if (own.group("kind") or "").lower() in ("film", "movie", "feature") else "Series"
            add_work(ctx, books[0][0].name, kind, 3.0)
            work = ctx.mention(books[0][0].name, "Work", books[0][0].pos)
        elif _LISTED_ADAPTATION.search(text, max(sent.start, m.start() - 40), m.end()) and len(books) == 1 and isinstance(books[0][0], M):
            # "..., the television adaptation of A's novel Ordinary Hours and ...": an item of a list
            # that names the work by its source's title
            work = ctx.mention(books[0][0].name, "Work", books[0][0].pos)
        like = re.match(r"\s*Like\s+(?:the\s+)?(original|first|earlier|parent)\s+(?:series|show)\b", sent.text)
        _apply_books(ctx, sent, books, work)
        if like and ctx.spinoff_targets:
            _apply_books(ctx, sent, [(b, a) for b, a in books], ctx.spinoff_targets[-1])
        # "The Copper Ruling, the second book in Halloran's Night Counsel series"
        _book_appositive(ctx, sent, end, books)
        _in_which(ctx, sent, end, books)
    # independent statements about books
    for m in re.finditer(r"\b(?:author|writer|creator) of (?:the |his |her )?", text[sent.start:sent.end]) if "r of " in sent.text else ():
        i = sent.tok_at(sent.start + m.end())
        if not m.group().startswith("author") and not any(
                w.lower() in BOOK_SING | BOOK_PLUR for w in sent.words(i, min(len(sent.toks), i + 5))):
            continue  # "co-creator of Vanguard", "creator of ... comedy series Riverton": a show, not a book
        books, _ = _book_np(ctx, sent, i)
        subj = person_names(ctx, sent, 0, sent.tok_before(sent.start + m.start()))
        if not subj:
            subj = [n for n in person_names_loose(ctx, sent, 0, sent.tok_before(sent.start + m.start()))]
        if books and subj:
            _apply_books(ctx, sent, [(b, subj[0]) for b, _ in books if not isinstance(b, str)])
    for k, tok in enumerate(sent.toks):
        # "<Person>'s novel <Title>", "<Person>'s <Name> series" outside a based-on phrase
        if tok.text == "'s" or (tok.text == "'" and sent.t(k - 1).endswith("s")):
            if SOURCE_TRIGGER.search(text, max(sent.start, sent.toks[k].start - 40), sent.toks[k].start):
                continue
            a = sent.name_before(k, "name")
            if a is None:
                continue
            nxt = k + 1
            j = nxt
            while j < len(sent.toks) and BOOK_ADJ.match(sent.t(j)) and not is_cap(sent.t(j)):
                j += 1
            if sent.t(j).lower() in BOOK_SING | BOOK_PLUR or (is_cap(sent.t(j)) and sent.t(j) not in _MEDIA_WORDS
                                                              and sent.t(_name_end(sent, j)).lower() in BOOK_PLUR):
                if ctx.looks_org(a.text):
                    continue
                start = a.i
                books, end = _book_np(ctx, sent, start)
                if books:
                    into = end < len(sent.toks) and _MADE_INTO.match(text, sent.toks[end - 1].end, sent.end)
                    _apply_books(ctx, sent, books, _adaptation(ctx, sent, end, books) if into else None)
                    _book_appositive(ctx, sent, end, books)
                    _in_which(ctx, sent, end, books)
        # "... in his 2005 novel The Night Counsel", "created in his 1992 debut, The Dark Ripple"
        if tok.text.lower() in ("his", "her", "their") and sent.t(k - 1).lower() == "in":
            books, end = _book_np(ctx, sent, k + 1)
            books = [(b, a) for b, a in books if not isinstance(b, str)]
            if books:
                # the author is the subject of the verb before "in"
                v = k - 2
                subj = None
                if sent.t(v).lower() in ("created", "introduced", "invented", "debuted", "wrote", "first"):
                    subj = sent.name_before(v, "name")
                    if subj is None and v > 0:
                        subj = sent.name_before(v - 1, "name") if sent.t(v - 1).lower() in ("first", "originally") else None
                if subj is not None:
                    _apply_books(ctx, sent, [(b, subj) for b, _ in books])
                    chars = ctx_chars_before(ctx, sent, sent.toks[k].start)
                    c0 = sent.name_at(0, "name")
                    if not chars and c0 is not None and not c0.possessive and fold(c0.text) in ctx.character_keys:
                        chars = [ctx.character(sent, c0)]  # "Cal Brannock, the drifter Lew Carver introduced in his ..."
                    if chars and sent.t(v).lower() in ("created", "introduced", "invented"):
                        for b, _ in books:
                            ctx.fact(b, "hasCharacter", chars[-1], sent, 0.8)
                        ctx.fact(chars[-1], "createdBy", ctx.person(subj), sent, 0.8)
                _book_appositive(ctx, sent, end, books)
    # "X, the second book in Halloran's Night Counsel series" without a trigger
    for m in re.finditer(r",\s+(?:the|a)\s+(?:\w+\s+){0,2}(?:book|novel|installment|entry|instalment)\s+(?:in|of)\s+", text[sent.start:sent.end]):
        i = sent.tok_before(sent.start + m.start())
        name = sent.name_before(i, "title")
        if name is None or ctx.looks_person_strict(name.text):
            continue
        if SOURCE_TRIGGER.search(text, max(sent.start, name.start - 30), name.start):
            continue
        nov = ctx.mention(name, "Novel", name.start)
        _book_appositive(ctx, sent, name.j, [(nov, None)])


#: A book as the subject of its adaptation: "<Novel> is being turned into a series".
_MADE_INTO = re.compile(r"\s+(?:is|are|was|were|will be|has been|have been)\s+(?:being\s+|set to be\s+|to be\s+|now\s+)?"
                        r"(?:turned|adapted|made|developed)\s+(?:into|as)\b", re.I)


def _adaptation(ctx, sent, end, books):
    """The work "<Author>'s novel <Title> is being turned into a TV series" announces: the work
    named after the verb, else the work of the book's title (the series keeps its source's
    name), else the main work."""
    work = work_ref(ctx, sent, end, len(sent.toks))
    named = [b for b, _ in books if isinstance(b, M) and ctx.is_work(b.name)]
    if work is MAIN and named:
        work = ctx.mention(named[0].name, "Work", named[0].pos)
    return work


def _name_end(sent, j):
    n = sent.name_at(j, "title")
    return n.j if n else j


#: An appositive naming a book's author: "The Long Tide, the best-selling novel by Agnes Morrow".
_BOOK_BY = re.compile(r",\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,3}?(?:book|novel|novella|memoir|bestseller|best-seller)\s+(?:written\s+)?(?=by\s)")


def _book_appositive(ctx, sent, end, books):
    """ ", the second book in <Person>'s <Name> series": the novel's author and series;
    ", the best-selling novel by <Person>": its author."""
    if sent.t(end) != ",":
        return
    by = _BOOK_BY.match(ctx.text, sent.toks[end].start, sent.end)
    if by:
        a = _by_author(ctx, sent, sent.tok_at(by.end()))
        if a is not None:
            for b, author in books:
                if isinstance(b, M) and author is None:
                    ctx.fact(b, "author", ctx.person(a), sent, 0.85)
                    ctx.author_keys.add(fold(a.text))
        return
    m = re.match(r",\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,3}?(?:book|novel|installment|instalment|entry|title|volume)\s+(?:in|of|from)\s+",
                 ctx.text[sent.toks[end].start:sent.end])
    if not m:
        return
    i = sent.tok_at(sent.toks[end].start + m.end())
    series, _ = _book_np(ctx, sent, i)
    for s, author in series:
        if isinstance(s, str):
            continue
        s.type = "BookSeries"
        if author is not None:
            ctx.fact(s, "author", ctx.person(author), sent, 0.85)
            ctx.author_keys.add(fold(author.text))
            for b, a in books:
                if not isinstance(b, str) and a is None:
                    ctx.fact(b, "author", ctx.person(author), sent, 0.85)


def _in_which(ctx, sent, end, books):
    """ "<Novel>, in which Milo is hired": characters named there belong to the novel."""
    m = re.match(r",?\s+(?:in which|which follows|which sees|where|about|following|featuring)\s+", ctx.text[sent.toks[end].start if end < len(sent.toks) else sent.end:sent.end])
    if not m:
        return
    for b, _ in books:
        if not isinstance(b, str):
            ctx.pending_in_which.append((b, sent, sent.tok_at(sent.toks[end].start + m.end())))


_INTRODUCED_IN = re.compile(r"\b(?:(?:was|were)\s+)?(?:first\s+|originally\s+)?(?P<verb>introduced|created|appeared|debuted)\s+in\s+(?=[A-Z])")


def _subject_character(ctx, sent, k):
    """The character a clause ending before token k is about: a known character's name,
    or "The character" / "He" / "She" for the last character named in the sentence before."""
    name = sent.name_before(k, "name")
    if name is not None and fold(name.text) in ctx.character_keys:
        return ctx.character(sent, name)
    if k == 2 and sent.t(0) == "The" and sent.t(1) == "character" or k == 1 and sent.t(0) in ("He", "She"):
        idx = ctx.sents.index(sent)
        if idx > 0:
            prev = ctx.sents[idx - 1]
            chars = [m for m in ctx.mentions if m.type == "Character" and prev.start <= m.pos < prev.end]
            if chars:
                return min(chars, key=lambda m: m.pos)
    return None


def _source_of_work(ctx, sent, end, books):
    """ "<Novel>, the basis for the original series": the series is based on the novel."""
    m = re.match(r",\s+(?:the|its)\s+(?:\w+\s+)?basis\s+(?:for|of)\s+", ctx.text[sent.toks[end].start if end < len(sent.toks) else sent.end:sent.end])
    if not m:
        return
    k = sent.tok_at(sent.toks[end].start + m.end())
    work = work_ref(ctx, sent, k, min(len(sent.toks), k + 6), prefer="first")
    for b, _ in books:
        if not isinstance(b, str):
            ctx.fact(work, "basedOn", b, sent, 0.8)


def _author_of(ctx, name):
    """The full name of a known author that ``name`` is, or is the surname of; else None."""
    f = fold(name.text)
    return next((a for a in ctx.author_keys if a == f or a.endswith(" " + f)), None)


def _authors_heroine(ctx, sent):
    """ "... based on A's book series, T, and follows A's heroine L": a book's author's
    possessive before a character (after "follows", "featuring", "about") made the character,
    who belongs to the author's book named in the sentence."""
    for k, tok in enumerate(sent.toks):
        if tok.text.lower() not in ("follows", "following", "featuring", "about"):
            continue
        c = role_slot_with_owner(ctx, sent, k + 1)
        if c is None or c[0] is None or _author_of(ctx, c[0]) is None or " " not in c[1].text:
            continue
        owner, char = c
        if ctx.looks_org(char.text) or ctx.is_work(char.text) or ctx.looks_person_strict(char.text):
            continue
        cm = ctx.character(sent, char)
        ctx.fact(cm, "createdBy", ctx.person(owner), sent, 0.75)
        books = [f.s for f in ctx.facts if f.p == "author" and f.sent is sent and fold(getattr(f.o, "name", "")) == _author_of(ctx, owner)]
        if books:
            ctx.fact(books[-1], "hasCharacter", cm, sent, 0.75)


def rule_created_by(ctx, sent):
    text = ctx.text
    if ctx.author_keys and ("'" in sent.text or "’" in sent.text):
        _authors_heroine(ctx, sent)
    # "Felix Marlow was introduced in Ian Pellow's 2004 novel Softly Scheming Felix"
    for m in _INTRODUCED_IN.finditer(text, sent.start, sent.end):
        i = sent.tok_at(m.end())
        books, end = _book_np(ctx, sent, i)
        books = [(b, a) for b, a in books if not isinstance(b, str) and a is not None]
        if not books:
            continue
        _apply_books(ctx, sent, books)
        char = _subject_character(ctx, sent, sent.tok_at(m.start()))
        if char is not None:
            for b, a in books:
                ctx.fact(b, "hasCharacter", char, sent, 0.8)
                if m.group("verb") in ("introduced", "created"):
                    ctx.fact(char, "createdBy", ctx.person(a), sent, 0.8)
        _source_of_work(ctx, sent, end, books)
    # "Hank Brodie, Neil Garrow's stubborn, widowed sheriff": the author's possessive
    for k, tok in enumerate(sent.toks if "'" in sent.text else ()):
        if tok.text == "," and k > 0 and is_cap(sent.t(k - 1)) and is_cap(sent.t(k + 1)):
            c = sent.name_before(k, "name")
            if c is None or " " not in c.text or not (fold(c.text) in ctx.character_keys or sent.t(c.i - 1) in ("follows", "following")):
                continue
            a = sent.name_at(k + 1, "name")
            if a is None or not a.possessive or not ctx.looks_person(a.text) or fold(a.text) in ctx.character_keys:
                continue
            j = a.j + 1
            while sent.t(j).isupper() and j < a.j + 3:
                j += 1  # "Ray Dunmore's CIA analyst"
            w = sent.t(j)
            if w[:1].islower() and w.isalpha() and w.lower() not in BOOK_SING | BOOK_PLUR and w not in ("own", "new", "latest", "series", "show", "film"):
                ctx.fact(ctx.character(sent, c), "createdBy", ctx.person(a), sent, 0.7)
    # "<Person>'s beloved character"
    for m in re.finditer(r"(?:'s?|s')\s+(?:[\w-]+\s+){0,3}?characters?\b", text[sent.start:sent.end]):
        k = sent.tok_before(sent.start + m.start() + 1)
        a = sent.name_before(sent.tok_at(sent.start + m.start()), "name")
        if a is None or ctx.looks_org(a.text) or ctx.is_work(a.text):
            continue
        chars = ctx_chars_before(ctx, sent, sent.start + m.start())
        if chars:
            ctx.fact(chars[-1], "createdBy", ctx.person(a), sent, 0.75)
    for m in re.finditer(r"\b(?:created|introduced|invented|conceived|dreamed up)\b", text[sent.start:sent.end]):
        k = sent.tok_at(sent.start + m.start())
        after = text[sent.start + m.end():sent.end]
        for_book = re.match(r"\s+for\s+(?:the|her|his|their)\s+(?:\w+\s+)?(?:book|novel)s?\b", after)
        if re.match(r"\s+(?:by|for)\b", after) and not for_book:
            continue  # "created for television by": a credit of the work
        subj = sent.name_before(k, "name")
        if subj is None and sent.t(k - 1).lower() in ("first", "originally", "famously", "also"):
            subj = sent.name_before(k - 1, "name")
        if subj is not None and not ctx.looks_org(subj.text) and not ctx.is_work(subj.text) and not subj.possessive:
            chars = ctx_chars_before(ctx, sent, sent.toks[subj.i].start)
            if chars and re.search(r"\b(?:whom|who|that)?\s*(?:author|writer|novelist)?\s*$", text[max(sent.start, subj.start - 20):subj.start]):
                ctx.fact(chars[-1], "createdBy", ctx.person(subj), sent, 0.8)
                ctx.author_keys.add(fold(subj.text))
                novels = [x for x in ctx.mentions if x.type == "Novel" and x.pos < sent.start + m.start()] if for_book else []
                if novels:  # "Ilse Marr, the heroine Achterberg created for the book": the novel named before
                    ctx.fact(max(novels, key=lambda x: x.pos), "hasCharacter", chars[-1], sent, 0.75)
            continue
        # "the book that introduced Halloran's defense attorney Rory Vance"
        c = role_slot_with_owner(ctx, sent, k + 1)
        if c is None:
            continue
        owner, char = c
        if ctx.is_work(char.text) or owner is not None and (ctx.looks_org(owner.text) or fold(owner.text) in ctx.org_keys):
            continue  # "co-created and executive produced Vesta's drama Pitchfork": a company's work, no character
        cm = ctx.character(sent, char)
        before = text[max(sent.start, sent.toks[k].start - 40):sent.toks[k].start]
        if re.search(r"\b(?:book|novel|story|debut)\s+(?:that|which)\s*$", before):
            novels = [x for x in ctx.mentions if x.type == "Novel" and sent.start <= x.pos < sent.toks[k].start]
            if not novels:
                novels = [x for x in ctx.facts if x.p == "basedOn" and x.sent is sent]
                novels = [x.o for x in novels]
            if novels:
                ctx.fact(novels[-1], "hasCharacter", cm, sent, 0.8)
        if owner is not None:
            ctx.fact(cm, "createdBy", ctx.person(owner), sent, 0.8)
