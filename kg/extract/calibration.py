"""Confidence calibrated per rule on the gold sets.

A fact's confidence is the precision its rule had, for that relation, on the gold sets of
the repository that rules are written against (every ``tests/corpus`` folder but
``heldout``, which stays blind), smoothed towards the rule's hand-set confidence so
that a rule seen a few times does not jump to 0 or 1:

    confidence = (tp + k * prior) / (tp + fp + k)        with k = 4

So facts at 0.9 are right about nine times in ten on text like the gold sets. The counts
below are data, written by :func:`kg.evaluate.write_calibration` (``kg eval DIR...
--calibrate``); a (rule, relation) pair missing from them keeps the rule's own confidence.
"""

from __future__ import annotations

#: Pseudo-counts given to the rule's own confidence.
PRIOR_WEIGHT = 4.0

#: (rule, relation) -> (true positives, false positives) on the gold sets.
COUNTS: dict[tuple[str, str], tuple[int, int]] = {
    ('books._apply_books', 'author'): (29, 2),
    ('books._apply_books', 'basedOn'): (30, 6),
    ('books._book_appositive', 'author'): (6, 0),
    ('books._book_np', 'hasCharacter'): (2, 0),
    ('books._source_of_work', 'basedOn'): (1, 0),
    ('books.rule_books', 'createdBy'): (3, 0),
    ('books.rule_books', 'hasCharacter'): (3, 0),
    ('books.rule_created_by', 'createdBy'): (6, 0),
    ('books.rule_created_by', 'hasCharacter'): (3, 0),
    ('cast._played_by', 'castMember'): (1, 0),
    ('cast._played_by', 'portrays'): (5, 0),
    ('cast.rule_cast', 'castMember'): (344, 61),
    ('cast.rule_cast', 'hasCharacter'): (236, 36),
    ('cast.rule_cast', 'portrays'): (249, 23),
    ('credits._assign_roles', 'coExecutiveProducer'): (3, 0),
    ('credits._assign_roles', 'creator'): (11, 1),
    ('credits._assign_roles', 'director'): (17, 8),
    ('credits._assign_roles', 'employer'): (13, 0),
    ('credits._assign_roles', 'executiveProducer'): (152, 14),
    ('credits._assign_roles', 'productionCompany'): (6, 0),
    ('credits._assign_roles', 'showrunner'): (37, 3),
    ('credits._assign_roles', 'writer'): (12, 4),
    ('credits._emit_people', 'creator'): (56, 18),
    ('credits._emit_people', 'director'): (8, 2),
    ('credits._emit_people', 'employer'): (6, 1),
    ('credits._emit_people', 'executiveProducer'): (88, 7),
    ('credits._emit_people', 'productionCompany'): (70, 12),
    ('credits._emit_people', 'showrunner'): (4, 8),
    ('credits._emit_people', 'writer'): (12, 7),
    ('document.postpass', 'author'): (2, 0),
    ('document.postpass', 'castMember'): (3, 3),
    ('document.postpass', 'hasCharacter'): (7, 4),
    ('document.postpass', 'portrays'): (2, 4),
    ('franchises.rule_franchise_spinoff', 'partOfFranchise'): (6, 1),
    ('franchises.rule_franchise_spinoff', 'spinoffOf'): (4, 1),
    ('organisations.announcer', 'distributor'): (32, 2),
    ('organisations.rule_companies', 'employer'): (4, 0),
    ('organisations.rule_companies', 'productionCompany'): (4, 0),
    ('organisations.rule_distribution', 'distributor'): (53, 12),
    ('organisations.rule_distribution', 'productionCompany'): (5, 3),
    ('organisations.rule_employer', 'employer'): (29, 4),
    ('organisations.rule_renewer', 'distributor'): (4, 2),
    ('people.people_list', 'employer'): (1, 1),
    ('premieres.rule_premiere', 'hasSeason'): (4, 1),
    ('premieres.rule_premiere', 'premiereDate'): (50, 11),
    ('premieres.rule_premiere', 'seasonNumber'): (4, 1),
    ('seasons.rule_season', 'hasSeason'): (113, 26),
    ('seasons.rule_season', 'renewedFor'): (47, 11),
    ('seasons.rule_season', 'seasonNumber'): (113, 26),
}


def calibrated(rule, relation, prior):
    """The calibrated confidence of a fact from ``rule`` stating ``relation``.

    >>> calibrated("no.such_rule", "castMember", 0.9)
    0.9
    """
    counts = COUNTS.get((rule, relation))
    if counts is None:
        return prior
    tp, fp = counts
    return round((tp + PRIOR_WEIGHT * prior) / (tp + fp + PRIOR_WEIGHT), 3)
