"""The analyst's working session, Qt-free: the open summary, the brief being built, its edits and its search."""

from briefing.session.edits import ANNOTATION_FIELDS, METADATA_FIELDS, BriefMetadata, BriefState, Edit
from briefing.session.events import SessionEvents
from briefing.session.search import Facets, FindingFilter, search_index, search_text
from briefing.session.session import BriefSession

__all__ = [
    "ANNOTATION_FIELDS", "METADATA_FIELDS", "BriefMetadata", "BriefSession", "BriefState", "Edit", "Facets",
    "FindingFilter", "SessionEvents", "search_index", "search_text",
]
