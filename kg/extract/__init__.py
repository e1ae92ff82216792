"""Text -> facts: reading announcements and extracting their facts.

>>> from kg.extract import extract_text
>>> ff = extract_text("Netflix has renewed Foo for a second season.", doc_id="demo")
>>> [f.o for f in ff.facts if f.p == "seasonNumber"]
[2]
"""

from .extractor import doc_id_for, extract_document, extract_file, extract_text, extract_to, facts_path_for
from .reader import Document, read_announcement

__all__ = ["Document", "read_announcement", "extract_text", "extract_file", "extract_to", "facts_path_for", "extract_document", "doc_id_for"]
