"""The vocabulary of facts files: entity types and relations with their domain and range.

This table is what `kg validate` checks facts against; ``ontologies/kg.ttl`` states
the same vocabulary in OWL (a test keeps the two in step).
"""

from dataclasses import dataclass

ENTITY_TYPES = (
    "Series",
    "Season",
    "Film",
    "Novel",
    "BookSeries",
    "Person",
    "Character",
    "Organization",
    "Franchise",
)

#: Organization refinements the ontology knows; the curated entities file picks one.
ORGANIZATION_CLASSES = ("Studio", "Streamer", "ProductionCompany")

#: Literal kinds a relation's object may have instead of an entity.
INTEGER, DATE, STRING = "integer", "date", "string"

WORKS = ("Series", "Film")


@dataclass(frozen=True)
class Relation:
    """One relation of the facts vocabulary.

    Attributes:
        name: the name used in facts files and as the ontology property's local name.
        domain: entity types the subject may have.
        range: entity types the object may have, or a one-element tuple naming a
            literal kind (``integer``, ``date``, ``string``).
        scored: whether extraction is scored on it (``jobTitle`` is kept, not scored).
    """

    name: str
    domain: tuple
    range: tuple
    scored: bool = True

    @property
    def literal(self):
        """The literal kind of the object, or None when the object is an entity."""
        return self.range[0] if self.range[0] in (INTEGER, DATE, STRING) else None


RELATIONS = {
    r.name: r
    for r in (
        Relation("renewedFor", ("Series",), ("Season",)),
        Relation("hasSeason", ("Series",), ("Season",)),
        Relation("seasonNumber", ("Season",), (INTEGER,)),
        Relation("premiereDate", ("Series", "Season", "Film"), (DATE,)),
        Relation("basedOn", WORKS, ("Novel", "BookSeries")),
        Relation("author", ("Novel", "BookSeries"), ("Person",)),
        Relation("hasCharacter", ("Series", "Film", "Novel", "BookSeries"), ("Character",)),
        Relation("createdBy", ("Character",), ("Person",)),
        Relation("castMember", WORKS, ("Person",)),
        Relation("portrays", ("Person",), ("Character",)),
        Relation("distributor", WORKS, ("Organization",)),
        Relation("productionCompany", WORKS, ("Organization",)),
        Relation("creator", WORKS, ("Person",)),
        Relation("showrunner", ("Series",), ("Person",)),
        Relation("executiveProducer", WORKS, ("Person",)),
        Relation("coExecutiveProducer", WORKS, ("Person",)),
        Relation("director", WORKS, ("Person",)),
        Relation("writer", WORKS, ("Person",)),
        Relation("partOfFranchise", WORKS, ("Franchise",)),
        Relation("spinoffOf", ("Series",), ("Series",)),
        Relation("employer", ("Person",), ("Organization",)),
        Relation("jobTitle", ("Person",), (STRING,), scored=False),
    )
}
