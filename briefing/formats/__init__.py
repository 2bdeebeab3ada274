"""The file formats: located YAML reading and writing, loading and validating ``summary/1`` and ``brief/1``, saving briefs, checking quotes."""
