"""``--shard I/N``: the I-th of N disjoint, stable slices of a batch, for schedulers with no coordination.

An input belongs to shard ``1 + hash(key) mod N``, where ``key`` is its path
relative to the common root of the batch and the hash is SHA-256 (the same on
every machine and every Python, unlike ``hash()``). So N machines given the
same PATHs and shards 1..N export every input exactly once between them, and
a file keeps its shard when others are added or removed.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from briefing.batch.inputs import InputFile, UsageError

_SPEC = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


@dataclass(frozen=True)
class Shard:
    index: int  # 1-based
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        match = _SPEC.match(text or "")
        if not match:
            raise UsageError(f"--shard '{text}': expected I/N, e.g. 2/4 for the second of four shards")
        index, count = int(match.group(1)), int(match.group(2))
        if count < 1 or not 1 <= index <= count:
            raise UsageError(f"--shard '{text}': I must be between 1 and N, and N at least 1")
        return cls(index, count)

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"

    def holds(self, item: InputFile) -> bool:
        digest = hashlib.sha256(item.key.encode("utf-8")).digest()
        return int.from_bytes(digest[:8], "big") % self.count == self.index - 1

    def select(self, inputs: list[InputFile]) -> list[InputFile]:
        return [item for item in inputs if self.holds(item)]
