"""Match stage: a Citation and its page's metadata in, scores and a verdict out."""

from citecheck.match.verdict import judge

__all__ = ["judge"]
