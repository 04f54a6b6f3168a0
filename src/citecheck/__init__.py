"""citecheck: verify and archive the sources an article cites.

The library API (see docs/library.md):

    from citecheck import Session, Settings, load_citations

    citations = load_citations("citations.yaml")
    report = Session(Settings()).verify(citations)

The names are imported on first use (PEP 562), so that `import citecheck` (and the CLI's
`--help`) stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from citecheck.citations import load_citations
    from citecheck.errors import InputError
    from citecheck.models import Report, Status
    from citecheck.session import Session
    from citecheck.settings import Settings

__version__ = "0.1.0"
HOMEPAGE = "https://github.com/citecheck/citecheck"
USER_AGENT = f"citecheck/{__version__} (+{HOMEPAGE})"

_LAZY = {
    "Session": "citecheck.session",
    "Settings": "citecheck.settings",
    "load_citations": "citecheck.citations",
    "InputError": "citecheck.errors",
    "Report": "citecheck.models",
    "Status": "citecheck.models",
}
__all__ = [
    "HOMEPAGE",
    "USER_AGENT",
    "InputError",
    "Report",
    "Session",
    "Settings",
    "Status",
    "__version__",
    "load_citations",
]


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value
