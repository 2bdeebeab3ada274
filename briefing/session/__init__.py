"""The analyst's working session, Qt-free: the open summary, the brief being built, its edits and its search."""

from briefing.session.session import (
    ANNOTATION_FIELDS,
    METADATA_FIELDS,
    BriefMetadata,
    BriefSession,
    BriefState,
    Edit,
    Facets,
    FindingFilter,
    SessionEvents,
    search_index,
    search_text,
)

__all__ = [
    "ANNOTATION_FIELDS", "METADATA_FIELDS", "BriefMetadata", "BriefSession", "BriefState", "Edit", "Facets",
    "FindingFilter", "SessionEvents", "search_index", "search_text",
]
