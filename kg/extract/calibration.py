"""Confidence calibrated per rule on the gold sets, and scaled to text the rules never saw.

Two measurements make a fact's confidence:

- how good its rule is for its relation, on the gold sets that rules are written against
  (every ``tests/corpus`` folder but ``heldout``): the rule's precision, smoothed towards its
  hand-set confidence so that a rule seen a few times does not jump to 0 or 1,
  ``(tp + k * prior) / (tp + fp + k)`` with k = 4 (:data:`COUNTS`);
- how right the relation is on unseen text: its precision on real pages scored *blind*,
  before any rule was written on them (:data:`BLIND_COUNTS`), smoothed towards the blind
  precision of all relations.

The confidence is the blind precision of the relation, times the rule's training precision
over its relation's: a rule better than its relation's others on the training text keeps its
edge, but no rule is trusted as if the text were one it was written on. Precision on
training text is far higher than on new outlets (0.95 against 0.6 to 0.7), so calibrating on
the training sets alone promised 0.9 where 0.68 was right.

:data:`COUNTS` is data written by :func:`kg.evaluate.write_calibration` (``kg eval DIR...
--calibrate``); a (rule, relation) pair missing from it keeps the rule's own confidence as its
training precision. :data:`BLIND_COUNTS` is a record of measurements that cannot be redone with
later code (a text is blind once only); its comment says where each figure comes from.
"""

from __future__ import annotations

#: Pseudo-counts given to the rule's own confidence.
PRIOR_WEIGHT = 4.0

#: relation -> (true positives, false positives) on real pages scored before any rule was
#: written on them: the r-, s- and t- batches of tests/corpus/real with the rules of commit
#: dbf3bde, the u- batch with those of e910fd7, three texts of the v- batch with those of
#: 9345aec and its last two with those of 93321a8, the x- batch with those of 6c4145a, the y-
#: batch with those of 933a834, the z- batch with those of d53e02e, the g- batch with those of
#: 675b0d5, the l- batch with those of bdf9520, the o- batch with those of 111cc58, the q- batch
#: with those of fd2262a, the f- batch with those of 08e841f, the aa- and ab- batches with those
#: of f90cd0a, the ac-, ad-, ae- and af- batches with those of c92e8d9 (2026-12-03), the ag- to
#: ao- batches with those of 08d9d8a (2026-12-04) and the ap- to cy- batches with those of ae8e53f
#: (2026-12-06): 180 texts from 180 outlets.
BLIND_COUNTS: dict[str, tuple[int, int]] = {
    'author': (21, 6),
    'basedOn': (23, 24),
    'castMember': (527, 275),
    'coExecutiveProducer': (3, 0),
    'createdBy': (0, 3),
    'creator': (54, 27),
    'director': (53, 36),
    'distributor': (123, 72),
    'employer': (60, 11),
    'executiveProducer': (151, 85),
    'hasCharacter': (199, 122),
    'hasSeason': (143, 45),
    'partOfFranchise': (3, 3),
    'portrays': (280, 47),
    'premiereDate': (22, 19),
    'productionCompany': (61, 46),
    'renewedFor': (43, 9),
    'seasonNumber': (143, 45),
    'showrunner': (20, 15),
    'spinoffOf': (0, 3),
    'writer': (55, 61),
}

#: (rule, relation) -> (true positives, false positives) on the gold sets.
COUNTS: dict[tuple[str, str], tuple[int, int]] = {
    ('books._apply_books', 'author'): (106, 7),
    ('books._apply_books', 'basedOn'): (108, 26),
    ('books._authors_heroine', 'createdBy'): (1, 0),
    ('books._authors_heroine', 'hasCharacter'): (1, 0),
    ('books._book_appositive', 'author'): (7, 0),
    ('books._book_np', 'hasCharacter'): (2, 0),
    ('books._known_authors_book', 'author'): (1, 0),
    ('books._source_of_work', 'basedOn'): (1, 0),
    ('books._whose_book', 'author'): (1, 0),
    ('books.rule_books', 'createdBy'): (3, 0),
    ('books.rule_books', 'hasCharacter'): (3, 0),
    ('books.rule_created_by', 'createdBy'): (7, 1),
    ('books.rule_created_by', 'hasCharacter'): (4, 0),
    ('cast._active_cast', 'castMember'): (1, 0),
    ('cast._actor_in_paren', 'castMember'): (6, 0),
    ('cast._actor_in_paren', 'hasCharacter'): (5, 0),
    ('cast._actor_in_paren', 'portrays'): (7, 0),
    ('cast._actors_after_description', 'castMember'): (7, 0),
    ('cast._appearances_by', 'castMember'): (14, 0),
    ('cast._appeared_in', 'castMember'): (6, 0),
    ('cast._appeared_in', 'hasCharacter'): (6, 0),
    ('cast._appeared_in', 'portrays'): (4, 0),
    ('cast._as_the_cast', 'castMember'): (6, 0),
    ('cast._back_for_season', 'castMember'): (2, 0),
    ('cast._cast_in', 'castMember'): (8, 0),
    ('cast._cast_list_after_copula', 'castMember'): (49, 1),
    ('cast._casting_of', 'castMember'): (4, 0),
    ('cast._casting_of', 'hasCharacter'): (1, 0),
    ('cast._casting_of', 'portrays'): (1, 0),
    ('cast._credited_join', 'writer'): (5, 0),
    ('cast._directed_in', 'castMember'): (6, 0),
    ('cast._earlier_role_in', 'castMember'): (3, 0),
    ('cast._features_people', 'castMember'): (14, 0),
    ('cast._guest_appearance', 'castMember'): (3, 0),
    ('cast._in_work_plays', 'castMember'): (2, 0),
    ('cast._is_role', 'castMember'): (12, 0),
    ('cast._is_role', 'hasCharacter'): (16, 0),
    ('cast._is_role', 'portrays'): (16, 0),
    ('cast._joins_people', 'castMember'): (22, 2),
    ('cast._joins_the_cast', 'castMember'): (68, 3),
    ('cast._known_for_role_in', 'castMember'): (17, 2),
    ('cast._lead_of', 'castMember'): (2, 0),
    ('cast._lead_the_cast', 'castMember'): (11, 1),
    ('cast._lead_the_work', 'castMember'): (6, 0),
    ('cast._opening_alongside', 'castMember'): (1, 0),
    ('cast._played_by', 'castMember'): (13, 3),
    ('cast._played_by', 'hasCharacter'): (12, 2),
    ('cast._played_by', 'portrays'): (18, 1),
    ('cast._playing_are', 'castMember'): (6, 0),
    ('cast._playing_are', 'hasCharacter'): (6, 0),
    ('cast._playing_are', 'portrays'): (6, 0),
    ('cast._plot_character', 'hasCharacter'): (5, 2),
    ('cast._replaces_in', 'castMember'): (1, 0),
    ('cast._reprise_roles', 'castMember'): (12, 0),
    ('cast._returning_list', 'castMember'): (8, 0),
    ('cast._role_in', 'castMember'): (8, 0),
    ('cast._roles_of', 'hasCharacter'): (4, 0),
    ('cast._roles_of', 'portrays'): (4, 0),
    ('cast._seen_in', 'castMember'): (3, 0),
    ('cast._show_actor_paren', 'castMember'): (8, 0),
    ('cast._show_actor_paren', 'hasCharacter'): (9, 0),
    ('cast._show_actor_paren', 'portrays'): (9, 0),
    ('cast._show_star_aside', 'castMember'): (2, 0),
    ('cast._show_star_aside', 'hasCharacter'): (2, 0),
    ('cast._show_star_aside', 'portrays'): (2, 0),
    ('cast._starred_in', 'castMember'): (2, 0),
    ('cast._subjects_star', 'castMember'): (79, 7),
    ('cast._who_plays_paren', 'castMember'): (4, 0),
    ('cast._who_plays_paren', 'hasCharacter'): (4, 0),
    ('cast._who_plays_paren', 'portrays'): (4, 0),
    ('cast.cast_lists', 'castMember'): (103, 22),
    ('cast.rule_cast', 'castMember'): (1639, 99),
    ('cast.rule_cast', 'hasCharacter'): (801, 57),
    ('cast.rule_cast', 'portrays'): (834, 21),
    ('credits._assign_roles', 'coExecutiveProducer'): (13, 0),
    ('credits._assign_roles', 'creator'): (95, 5),
    ('credits._assign_roles', 'director'): (114, 17),
    ('credits._assign_roles', 'employer'): (91, 1),
    ('credits._assign_roles', 'executiveProducer'): (524, 36),
    ('credits._assign_roles', 'productionCompany'): (41, 4),
    ('credits._assign_roles', 'showrunner'): (116, 12),
    ('credits._assign_roles', 'writer'): (127, 26),
    ('credits._company_produces', 'employer'): (11, 0),
    ('credits._company_produces', 'productionCompany'): (8, 1),
    ('credits._compound_credits', 'castMember'): (6, 1),
    ('credits._compound_credits', 'director'): (2, 0),
    ('credits._compound_credits', 'writer'): (3, 1),
    ('credits._credits_include', 'writer'): (6, 0),
    ('credits._debut_of', 'director'): (3, 0),
    ('credits._directors_chair', 'director'): (2, 0),
    ('credits._emit_people', 'coExecutiveProducer'): (3, 0),
    ('credits._emit_people', 'creator'): (198, 15),
    ('credits._emit_people', 'director'): (59, 10),
    ('credits._emit_people', 'employer'): (39, 4),
    ('credits._emit_people', 'executiveProducer'): (212, 7),
    ('credits._emit_people', 'productionCompany'): (219, 21),
    ('credits._emit_people', 'showrunner'): (34, 0),
    ('credits._emit_people', 'writer'): (86, 18),
    ('credits._fronted_credit', 'creator'): (1, 0),
    ('credits._produce_for', 'employer'): (8, 0),
    ('credits._produce_for', 'productionCompany'): (1, 1),
    ('credits._titles_by_writers', 'writer'): (7, 0),
    ('credits.rule_roles', 'productionCompany'): (2, 0),
    ('document._brief_companies', 'distributor'): (14, 0),
    ('document._dated_works', 'distributor'): (23, 1),
    ('document._distribute_all', 'distributor'): (27, 2),
    ('document._lead_company', 'distributor'): (13, 4),
    ('document._lineup_works', 'distributor'): (119, 2),
    ('document._possessive_company_works', 'distributor'): (47, 3),
    ('document._possessive_company_works', 'productionCompany'): (5, 1),
    ('document._studios_in_parentheses', 'productionCompany'): (8, 0),
    ('document.postpass', 'author'): (2, 0),
    ('document.postpass', 'castMember'): (3, 1),
    ('document.postpass', 'hasCharacter'): (18, 1),
    ('document.postpass', 'portrays'): (12, 1),
    ('franchises.rule_franchise_spinoff', 'partOfFranchise'): (17, 2),
    ('franchises.rule_franchise_spinoff', 'spinoffOf'): (19, 6),
    ('labels._cast_bullets', 'castMember'): (19, 0),
    ('labels._cast_bullets', 'hasCharacter'): (20, 0),
    ('labels._cast_bullets', 'portrays'): (19, 1),
    ('labels.rule_label_lines', 'castMember'): (30, 0),
    ('labels.rule_label_lines', 'creator'): (3, 0),
    ('labels.rule_label_lines', 'director'): (3, 0),
    ('labels.rule_label_lines', 'distributor'): (14, 0),
    ('labels.rule_label_lines', 'employer'): (2, 0),
    ('labels.rule_label_lines', 'executiveProducer'): (12, 0),
    ('labels.rule_label_lines', 'hasCharacter'): (27, 0),
    ('labels.rule_label_lines', 'hasSeason'): (11, 0),
    ('labels.rule_label_lines', 'portrays'): (27, 0),
    ('labels.rule_label_lines', 'premiereDate'): (13, 0),
    ('labels.rule_label_lines', 'productionCompany'): (5, 0),
    ('labels.rule_label_lines', 'seasonNumber'): (11, 0),
    ('labels.rule_label_lines', 'showrunner'): (2, 0),
    ('labels.rule_label_lines', 'writer'): (5, 0),
    ('organisations._branded_original', 'distributor'): (1, 0),
    ('organisations._commissioners', 'distributor'): (6, 0),
    ('organisations._company_distributes', 'distributor'): (4, 1),
    ('organisations._company_genre_title', 'distributor'): (11, 1),
    ('organisations._company_genre_title', 'productionCompany'): (5, 1),
    ('organisations._company_in_appositive', 'distributor'): (1, 0),
    ('organisations._described_works', 'distributor'): (9, 1),
    ('organisations._described_works', 'productionCompany'): (0, 1),
    ('organisations._distributed_by', 'distributor'): (2, 2),
    ('organisations._format_parenthesis', 'productionCompany'): (4, 0),
    ('organisations._from_companies', 'productionCompany'): (54, 3),
    ('organisations._from_opening', 'productionCompany'): (7, 0),
    ('organisations._in_development_at', 'productionCompany'): (2, 1),
    ('organisations._joins_as', 'employer'): (1, 1),
    ('organisations._listing_services', 'distributor'): (11, 0),
    ('organisations._made_by_for', 'distributor'): (5, 0),
    ('organisations._on_the_outlet', 'distributor'): (5, 0),
    ('organisations._owner_platform_page', 'distributor'): (2, 0),
    ('organisations._passive_order', 'distributor'): (19, 0),
    ('organisations._possessive_title_after', 'employer'): (7, 0),
    ('organisations._produced_for_by', 'distributor'): (2, 0),
    ('organisations._shows_object', 'distributor'): (4, 0),
    ('organisations._subject_its_work', 'distributor'): (8, 1),
    ('organisations._subject_orders_season', 'distributor'): (1, 0),
    ('organisations._under_banner', 'employer'): (2, 0),
    ('organisations._under_banner', 'productionCompany'): (3, 0),
    ('organisations.announcer', 'distributor'): (246, 10),
    ('organisations.rule_companies', 'employer'): (4, 0),
    ('organisations.rule_companies', 'productionCompany'): (12, 1),
    ('organisations.rule_distribution', 'distributor'): (222, 16),
    ('organisations.rule_distribution', 'productionCompany'): (10, 2),
    ('organisations.rule_employer', 'employer'): (98, 5),
    ('organisations.rule_possessive_title_appositive', 'employer'): (1, 0),
    ('organisations.rule_renewer', 'distributor'): (40, 9),
    ('organisations.rule_title_before_name', 'employer'): (38, 0),
    ('people.people_list', 'employer'): (1, 1),
    ('premieres._dated_heading', 'premiereDate'): (3, 0),
    ('premieres._dated_items', 'premiereDate'): (4, 0),
    ('premieres._more_dated', 'premiereDate'): (2, 0),
    ('premieres._under_date_line', 'premiereDate'): (3, 0),
    ('premieres.rule_premiere', 'hasSeason'): (2, 0),
    ('premieres.rule_premiere', 'premiereDate'): (179, 26),
    ('premieres.rule_premiere', 'seasonNumber'): (2, 0),
    ('seasons._elliptic_renewals', 'hasSeason'): (3, 0),
    ('seasons._elliptic_renewals', 'renewedFor'): (3, 0),
    ('seasons._elliptic_renewals', 'seasonNumber'): (3, 0),
    ('seasons._season_orders_of', 'hasSeason'): (11, 0),
    ('seasons._season_orders_of', 'renewedFor'): (10, 0),
    ('seasons._season_orders_of', 'seasonNumber'): (11, 0),
    ('seasons._seasons_through', 'hasSeason'): (1, 0),
    ('seasons._seasons_through', 'renewedFor'): (3, 0),
    ('seasons._seasons_through', 'seasonNumber'): (1, 0),
    ('seasons.rule_season', 'hasSeason'): (520, 28),
    ('seasons.rule_season', 'renewedFor'): (203, 6),
    ('seasons.rule_season', 'seasonNumber'): (520, 28),
}


def _rule_precision(rule, relation, prior):
    """The rule's precision for the relation on the training sets, smoothed towards ``prior``."""
    counts = COUNTS.get((rule, relation))
    if counts is None:
        return prior
    tp, fp = counts
    return (tp + PRIOR_WEIGHT * prior) / (tp + fp + PRIOR_WEIGHT)


def _unseen_factor():
    """Blind precision over training precision, all relations pooled: what a rule keeps of its
    training precision on an outlet it was not written on."""
    btp = sum(tp for tp, _ in BLIND_COUNTS.values())
    bn = sum(tp + fp for tp, fp in BLIND_COUNTS.values())
    ttp = sum(tp for tp, _ in COUNTS.values())
    tn = sum(tp + fp for tp, fp in COUNTS.values())
    return (btp / bn) / (ttp / tn) if bn and tn else 1.0


UNSEEN_FACTOR = _unseen_factor()


def calibrated(rule, relation, prior):
    """The calibrated confidence of a fact from ``rule`` stating ``relation``: the rule's
    training precision, scaled by :data:`UNSEEN_FACTOR`.

    >>> 0.0 < calibrated("no.such_rule", "castMember", 0.9) < 0.9
    True
    """
    return round(min(0.99, max(0.05, _rule_precision(rule, relation, prior) * UNSEEN_FACTOR)), 3)
