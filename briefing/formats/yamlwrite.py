"""Writing YAML that people read and diff: keys in the given order, Unicode as is, stable output."""

from __future__ import annotations

from typing import Any

import yaml


class _Dumper(yaml.SafeDumper):
    """Block style throughout; long or multi-line text as a literal or folded block."""


def _represent_str(dumper: yaml.SafeDumper, value: str):
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _represent_str)


def dump_yaml(data: Any, header: str | None = None) -> str:
    """Serialise plain data deterministically; ``header`` lines become leading ``#`` comments.

    Strings that YAML 1.1 would misread (``NO``, ``3.10``, ``2025-07``) are quoted
    by the dumper, so the file reads back as the same text in any YAML tool.
    """
    body = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
        indent=2,
    )
    if header:
        comments = "".join(f"# {line}".rstrip() + "\n" for line in header.splitlines())
        return comments + body
    return body
