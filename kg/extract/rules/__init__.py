"""The extraction rules, one module per family of relations.

========================  ==========================================================
module                    relations
========================  ==========================================================
:mod:`.works`             (work titles: found first, then located in each sentence)
:mod:`.people`            (shared readers of people lists, pronouns and role slots)
:mod:`.cast`              castMember, portrays, hasCharacter
:mod:`.credits`           creator, showrunner, executiveProducer, coExecutiveProducer,
                          director, writer (and companies in credit lists)
:mod:`.seasons`           hasSeason, seasonNumber, renewedFor
:mod:`.premieres`         premiereDate
:mod:`.organisations`     distributor, productionCompany, employer, jobTitle
:mod:`.franchises`        partOfFranchise, spinoffOf
:mod:`.books`             basedOn, author, createdBy, hasCharacter of books
:mod:`.document`          rules that need the whole document
========================  ==========================================================

A rule is a function ``rule(ctx, sent)`` over a :class:`kg.extract.context.Context` and a
:class:`kg.extract.grammar.Sentence`; it adds mentions and raw facts and returns nothing.
"""
