"""Headless batch export: ``briefing export PATH...`` over many files, sharded, in worker processes.

The pieces: ``inputs`` (which files), ``shard`` (``--shard``), ``pool`` (processes), ``task`` (one file in a worker),
``report`` (records, counts, exit code, JSON), ``progress`` (what is printed), ``command`` (the plan and the run).
"""
