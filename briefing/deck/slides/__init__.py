"""The deck's slides: the sequence (title, bottom line, findings, timeline, sources, closing), each kind of slide, and the notes."""
