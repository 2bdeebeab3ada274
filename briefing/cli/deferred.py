"""Library modules a one-file export imports but seldom runs, loaded only when first touched.

python-pptx and ReportLab import some modules at their top that a deck or a
brief without pictures, links or Arabic text never calls: Pillow's ``PIL.Image``
(both libraries, for pictures), ``urllib.request`` (imported by
``xml.sax.saxutils``, whose ``escape`` python-pptx uses; with it come
``http.client``, ``email`` and ``ssl``) and ``uharfbuzz`` (ReportLab's shaping of
Arabic script). Together they are some 40 ms of every start.

``defer()`` puts each of them in ``sys.modules`` as a module whose code runs on
its first attribute access (the standard library's ``importlib.util.LazyLoader``),
so a library that imports it still gets it, and a deck with a picture, or a
brief with Arabic text, loads it at that moment, as it would have been loaded at
the start. One change to the standard lazy module: reading its ``__spec__`` does
not load it. The import system reads ``__spec__`` whenever an ``import`` statement
finds the module in ``sys.modules`` (CPython issue 127036), so without it every
library's own ``import urllib.request`` would load the module at once. A module that is not installed is not deferred: importing it fails
where it always did. Only the export command defers (``briefing.cli.export``):
it is single-threaded, and a long-lived process (the app, a batch worker) gains
nothing from it.
"""

from __future__ import annotations

import importlib.util
import sys
import types

# Modules imported at a library's top and used only by some documents (see above).
SELDOM_USED = ("PIL.Image", "urllib.request", "uharfbuzz")


class _DeferredModule(importlib.util._LazyModule):  # type: ignore[name-defined,misc]  # private, in every Python since 3.5
    """The standard lazy module, but the import system may read its ``__spec__`` without loading it.

    On the first other attribute access it becomes the standard lazy module again, whose code
    runs the module's and turns the object into a plain module (``__class__ = types.ModuleType``).
    Not handed on as a subclass: from Python 3.13 (CPython gh-114763) the standard code loads only
    a module whose class is exactly its own, and gives any other's attribute back to
    ``getattr``, which called this method again until RecursionError."""

    def __getattribute__(self, attr):
        if attr == "__spec__":
            return object.__getattribute__(self, "__dict__")["__spec__"]
        if type(self) is _DeferredModule:
            object.__setattr__(self, "__class__", importlib.util._LazyModule)  # type: ignore[attr-defined]
        return getattr(self, attr)


def defer(names: tuple[str, ...] = SELDOM_USED) -> None:
    """Put a lazily executed module in ``sys.modules`` for each of ``names`` not imported yet."""
    for name in names:
        if name in sys.modules:
            continue
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):  # its package is missing or broken: leave it to fail where it did
            continue
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            continue
        spec.loader = importlib.util.LazyLoader(spec.loader)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)  # records the loader; the module's code runs on first access
        module.__class__ = _DeferredModule
        parent, _, child = name.rpartition(".")
        if parent:
            setattr(sys.modules[parent], child, module)  # as the import system does for `import a.b`


def executed(name: str) -> bool:
    """Whether the module ``name`` has been imported and its code run (a deferred module not yet touched has not)."""
    module = sys.modules.get(name)
    return module is not None and type(module) is types.ModuleType
