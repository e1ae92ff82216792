"""Exceptions raised by kg.

Every message is one line a user can act on, naming the file and place where
that makes sense. The CLI prints them without a traceback.
"""


class KGError(Exception):
    """Base class for every error kg raises on purpose."""


class FactsError(KGError):
    """A facts file is malformed or breaks the vocabulary (file and line in the message)."""

    def __init__(self, problems):
        self.problems = list(problems)
        first = self.problems[0]
        more = len(self.problems) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        super().__init__(f"{first}{suffix}")


class ExtractError(KGError):
    """An announcement could not be read or extracted."""


class StoreError(KGError):
    """The store could not be opened, read or written."""


class QueryError(KGError):
    """A SPARQL query is malformed, refused or exceeded a limit."""
