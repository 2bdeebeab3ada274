"""Print the names of Briefing's dependencies and of those of an extra (extras it names included).

    python scripts/dependency_names.py pyproject.toml EXTRA

Used by scripts/lib.sh (``venv_upgrade_all``) to upgrade every one of them to its newest
release, whatever pyproject.toml's ranges say.
"""

import re
import sys
import tomllib


def dependency_names(pyproject: str, extra: str) -> list[str]:
    with open(pyproject, "rb") as file:
        project = tomllib.load(file)["project"]
    wanted, extras, seen = list(project["dependencies"]), [extra], {extra}
    while extras:
        for requirement in project["optional-dependencies"].get(extras.pop(), []):
            inner = re.fullmatch(r"briefing\[(.+)\]", requirement)
            if inner:
                named = inner.group(1).split(",")
                extras += [e for e in named if e not in seen]
                seen.update(named)
            else:
                wanted.append(requirement)
    return sorted({re.match(r"[A-Za-z0-9._-]+", r).group(0) for r in wanted})


if __name__ == "__main__":
    print(" ".join(dependency_names(sys.argv[1], sys.argv[2])))
