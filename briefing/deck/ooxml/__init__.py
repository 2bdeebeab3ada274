"""The only place that knows python-pptx internals and PresentationML XML: parts, the package, text frames, shapes."""
