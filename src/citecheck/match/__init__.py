"""Match stage: a Citation and its page's metadata in, scores and a verdict out.

`judge` is imported on first use (PEP 562): matching pulls in rapidfuzz and tldextract, which a
run answered from kept verdicts never needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from citecheck.match.verdict import judge

__all__ = ["judge"]


def __getattr__(name: str) -> Any:
    if name == "judge":
        from citecheck.match.verdict import judge

        return judge
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
