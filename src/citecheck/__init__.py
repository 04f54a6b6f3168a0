"""citecheck: verify and archive the sources an article cites."""

__version__ = "0.1.0"
HOMEPAGE = "https://github.com/citecheck/citecheck"
USER_AGENT = f"citecheck/{__version__} (+{HOMEPAGE})"
