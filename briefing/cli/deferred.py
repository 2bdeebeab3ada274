"""Library modules a one-file export imports but seldom runs, loaded only when first touched.

python-pptx and ReportLab import some modules at their top that a deck or a
brief without pictures, links or Arabic text never calls: Pillow's ``PIL.Image``
(both libraries, for pictures) and ``PIL.ImageFont`` (python-pptx's ``fit_text``,
which Briefing's own fitting does not use), ``urllib.request`` (imported by
``xml.sax.saxutils``, whose ``escape`` python-pptx uses; with it come
``http.client``, ``email`` and ``ssl``), ``uharfbuzz`` (ReportLab's shaping of
Arabic script), ``pickle`` (a store in ReportLab's ``lib.utils``) and ``socket``
(imported by ``email.utils``, which jsonschema-rs imports, for message ids).
Together they are some 50 ms of every start. (Finding a module's code imports its parent
package: only modules whose parents every export imports anyway are deferred.)

``defer()`` puts each of them in ``sys.modules`` as a module whose code runs on
its first attribute access (the standard library's ``importlib.util.LazyLoader``),
so a library that imports it still gets it, and a deck with a picture, or a
brief with Arabic text, loads it at that moment, as it would have been loaded at
the start. One change to the standard lazy module: reading its ``__spec__`` does
not load it. The import system reads ``__spec__`` whenever an ``import`` statement
finds the module in ``sys.modules`` (CPython issue 127036), so without it every
library's own ``import urllib.request`` would load the module at once.

``patterns_compiled_on_use()`` does the same for regular expressions a library
compiles at its top for something an export never or seldom does: while it is
entered, the patterns compiled at the top of these modules are compiled when
first used. ``re.compile`` is replaced only while the top-level code of one of
these modules runs (an import hook runs it), not for the rest of the export:
any other pattern compiled meanwhile is compiled by the standard function, with
no look at its caller. ReportLab's ``reportlab.platypus.paragraph`` is imported with any of
platypus, although Briefing's PDF lays out its own lines and never uses
ReportLab's ``Paragraph``; its ``uri_pat`` (for splitting URLs across lines:
case-insensitive over U+00A1..U+FFFF) takes Python's regular-expression compiler
some 25 ms. ``reportlab.lib.textsplit`` (``cjkwrap``, over U+2E80..U+FFFF) and
PyYAML's ``yaml.reader`` (the pure-Python reader's check for unprintable
characters; Briefing reads YAML with libyaml) add some 10 ms more, and some forty
small patterns of other modules (``SELDOM_MATCHING``) 2-5 ms. Every use of those
patterns in those modules calls a method on them (``match``, ``search``,
``split``, ``sub``), which compiles the real pattern and answers as it would.
"""

from __future__ import annotations

import contextlib
import importlib.util
import re
import sys
import types
from collections.abc import Iterator

# Modules imported at a library's top and used only by some documents (see above).
SELDOM_USED = ("PIL.Image", "PIL.ImageFont", "urllib.request", "uharfbuzz", "pickle", "socket")
# Modules whose top-level regular expressions are compiled on first use (see above).
SELDOM_MATCHING = (
    "reportlab.platypus.paragraph", "reportlab.lib.textsplit", "yaml.reader",
    # The rest match nothing in a plain export: PyYAML's timestamps (Briefing reads dates as text),
    # platformdirs' parser of user-dirs.dirs (the cache folder needs none), the standard library's
    # mail addresses (imported by jsonschema-rs), text wrapping, HTML (ReportLab's paragraph
    # markup), platform names (ReportLab asks for one), logging's format checks; and ReportLab's
    # decimal alignment, parenthesis cleaning and CSS colours.
    "yaml.constructor", "platformdirs.unix", "email.utils", "textwrap", "html.parser", "_markupbase", "platform",
    "logging", "reportlab.pdfgen.canvas", "reportlab.pdfbase.pdfdoc", "reportlab.lib.colors",
)


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


class _CompiledOnUse:
    """A regular expression compiled the first time any of its attributes (``match``, ``search`` ...) is used."""

    def __init__(self, compile, source, flags):
        self._compile = compile
        self._source = source
        self._flags = flags
        self._pattern = None

    def __getattr__(self, name):  # called only for what the object itself lacks: the pattern's attributes
        if self._pattern is None:
            self._pattern = self._compile(self._source, self._flags)
        return getattr(self._pattern, name)


class _PatternsOnUseLoader:
    """Runs one module's code with ``re.compile`` giving, to that module's own top-level code only,
    patterns compiled on first use; the module keeps its own loader (source, resources)."""

    def __init__(self, loader):
        self._loader = loader

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module) -> None:
        module.__loader__ = module.__spec__.loader = self._loader
        name = module.__name__
        compile = re.compile

        def compiling(pattern, flags=0):
            if sys._getframe(1).f_globals.get("__name__") == name:
                return _CompiledOnUse(compile, pattern, flags)
            return compile(pattern, flags)

        re.compile = compiling  # type: ignore[assignment]
        try:
            self._loader.exec_module(module)
        finally:
            re.compile = compile


class _PatternsOnUseFinder:
    """Finds each of ``modules`` (once) as the finders after it would, with the loader above."""

    def __init__(self, modules: tuple[str, ...]):
        self._waiting = set(modules)

    def find_spec(self, name, path=None, target=None):
        if name not in self._waiting:
            return None
        self._waiting.discard(name)
        for finder in sys.meta_path:
            find = getattr(finder, "find_spec", None)
            if finder is self or find is None:
                continue
            spec = find(name, path, target)
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = _PatternsOnUseLoader(spec.loader)
                return spec
        return None


@contextlib.contextmanager
def patterns_compiled_on_use(modules: tuple[str, ...] = SELDOM_MATCHING) -> Iterator[None]:
    """While entered, each of ``modules`` imported gets patterns compiled on first use for its
    top-level ``re.compile`` calls.

    ``re.compile`` is replaced only while the top of one of those modules runs, so a pattern
    compiled anywhere else, before, between or after (the whole export, once the renderers are
    imported), goes straight to the standard function without a check of its caller. A module
    imported before the block keeps its compiled patterns."""
    finder = _PatternsOnUseFinder(tuple(name for name in modules if name not in sys.modules))
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)
