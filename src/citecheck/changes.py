"""Which citations changed since a git revision: what `verify --changed-since REF` checks.

The citations file is compared with its version at REF (`git show REF:path`), entry by entry
by id. A citation is checked again when it is new or when a field that decides its verdict
changed (url, archive_url, title, date, authors, publisher, doi, container, same_as); a short
form is checked again with the note it stands for. Citations gone since REF are listed.

A file that did not exist at REF has only new citations; a file renamed since REF is compared
with its old name (git's rename detection); a version at REF that no longer reads is not held
against today's file: every citation is then checked. A REF that names no commit, a file
outside a git work tree, or no git at all is an InputError.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from citecheck.citations import parse_citations
from citecheck.errors import InputError
from citecheck.models import Citation, CitationSet, RemovedCitation

COMPARED_FIELDS = (
    "url",
    "archive_url",
    "title",
    "date",
    "authors",
    "publisher",
    "doi",
    "container",
    "same_as",
)


@dataclass
class CitationChanges:
    ref: str
    path_at_ref: str | None  # the file's path in the repository at REF; None if it had none
    renamed: bool = False  # the file had another name at REF
    unreadable_at_ref: str | None = None  # why the version at REF could not be read
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[tuple[str, int | None]] = field(default_factory=list)  # id, line at REF
    unchanged: int = 0

    @property
    def to_verify(self) -> list[str]:
        return self.added + self.changed

    def removed_citations(self) -> list[RemovedCitation]:
        """The citations gone since REF, each with the file and line it had there (what the
        JSON report's `removed` lists)."""
        return [
            RemovedCitation(citation_id, self.path_at_ref, line)
            for citation_id, line in self.removed
        ]


def changes_since(path: Path, ref: str, current: CitationSet) -> CitationChanges:
    """The citations of `current` (read from `path`) added or changed since revision `ref`."""
    folder = path.resolve().parent
    root = Path(_git(folder, "rev-parse", "--show-toplevel", fault=_not_a_repository(path)))
    commit = _git(
        root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", fault=_no_revision(ref)
    )
    relative = path.resolve().relative_to(root.resolve()).as_posix()
    old_path, renamed = _path_at(root, commit, relative)
    changes = CitationChanges(ref=ref, path_at_ref=old_path, renamed=renamed)
    if old_path is None:
        changes.added = [c.id for c in current.citations]
        return changes
    text = _git(root, "show", f"{commit}:{old_path}", fault=None)
    try:
        before = parse_citations(text, f"{ref}:{old_path}")
    except InputError as exc:
        changes.unreadable_at_ref = exc.messages[0]
        changes.added = [c.id for c in current.citations]
        return changes
    _compare(before.citations, current.citations, changes)
    return changes


def _compare(before: list[Citation], now: list[Citation], changes: CitationChanges) -> None:
    old = {c.id: c for c in before}
    new_ids = {c.id for c in now}
    redo: set[str] = set()
    for citation in now:
        earlier = old.get(citation.id)
        if earlier is None:
            changes.added.append(citation.id)
            redo.add(citation.id)
        elif any(getattr(earlier, name) != getattr(citation, name) for name in COMPARED_FIELDS):
            changes.changed.append(citation.id)
            redo.add(citation.id)
    # A short form reports the note it stands for: it changes when that note does.
    for citation in now:
        if citation.id not in redo and citation.same_as in redo:
            changes.changed.append(citation.id)
            redo.add(citation.id)
    changes.unchanged = len(now) - len(redo)
    changes.removed = [(c.id, c.line) for c in before if c.id not in new_ids]


def _path_at(root: Path, commit: str, relative: str) -> tuple[str | None, bool]:
    """The file's path at `commit`: the same, its name before a rename, or None."""
    if _exists(root, commit, relative):
        return relative, False
    # -M: rename detection, between the commit and the work tree (staged changes included).
    listing = _git(root, "diff", "-M", "--name-status", "-z", commit, "--", fault=None)
    fields = listing.split("\0")
    index = 0
    while index < len(fields) and fields[index]:
        status = fields[index]
        if status.startswith(("R", "C")):
            source, target = fields[index + 1], fields[index + 2]
            if status.startswith("R") and target == relative:
                return source, True
            index += 3
        else:
            index += 2
    return None, False


def _exists(root: Path, commit: str, relative: str) -> bool:
    done = subprocess.run(
        ["git", "cat-file", "-e", f"{commit}:{relative}"], cwd=root, capture_output=True
    )
    return done.returncode == 0


def _git(folder: Path, *args: str, fault: str | None) -> str:
    """git's output; InputError `fault` when it fails (or git's own words when None)."""
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=folder,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
    except FileNotFoundError:
        raise InputError("--changed-since needs git, which was not found") from None
    if done.returncode != 0:
        detail = done.stderr.strip().splitlines()
        raise InputError(fault or f"git {args[0]}: {detail[-1] if detail else 'failed'}")
    return done.stdout.strip() if args[0] in ("rev-parse",) else done.stdout


def _not_a_repository(path: Path) -> str:
    return f"{path}: --changed-since needs the file in a git work tree, and it is not in one"


def _no_revision(ref: str) -> str:
    return (
        f"--changed-since {ref}: no such commit in this repository "
        "(in a shallow clone, fetch it first: e.g. actions/checkout with fetch-depth: 0)"
    )
