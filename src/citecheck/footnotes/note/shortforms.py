"""Short forms that point back at an earlier note: "Ibid.", "Ibid., 4.", "Id.", "Parvez.",
"Parvez, “The Islamic State,” 4." — recognised here, resolved in `backrefs`."""

from __future__ import annotations

import re

_IBID = re.compile(
    r"^\s*(?:ibid|ibidem|id|ebd|ebenda)\b\s*\.?\s*(?:,?\s*(?:at\s+)?(?P<locator>.+?))?\s*\.?\s*$",
    re.IGNORECASE,
)
_LOCATOR = (
    r"(?:(?:pp?|at|chap|ch|sec|para|paras|fig|col|cols|n|nn|vol|loc|s)\.?\s*)?"
    r"(?:\d+:)?(?:\d+[a-z]?|[ivxlc]+)(?:\s*[-–—]\s*[\divxlc]+)?(?:n+\.?\s*\d+)?"
    r"(?:\s*,\s*[\divxlc]+(?:\s*[-–—]\s*[\divxlc]+)?)*"
)
_TRAILING_LOCATOR = re.compile(r",\s*(?P<locator>" + _LOCATOR + r")\s*\.?\s*$")
LOCATOR_ONLY = re.compile(r"^\s*,?\s*(?P<locator>" + _LOCATOR + r")\s*\.?\s*$")


def ibid_locator(text: str) -> tuple[bool, str | None]:
    """(True, locator) for 'Ibid.', 'Ibid., 4.', 'Id. at 12.'; (False, None) otherwise."""
    match = _IBID.match(text)
    if not match:
        return False, None
    locator = match.group("locator")
    if locator is not None:
        locator = locator.strip(" ,.")
        if not re.fullmatch(_LOCATOR, locator, re.IGNORECASE):
            return False, None  # "Id, a study of ..." is not a back reference
    return True, locator or None


def split_trailing_locator(text: str) -> tuple[str, str | None]:
    """'Parvez, The Islamic State, 4.' -> ('Parvez, The Islamic State', '4')."""
    stripped = text.strip().rstrip(".").rstrip()
    match = _TRAILING_LOCATOR.search(stripped)
    if not match:
        return stripped, None
    return stripped[: match.start()].rstrip(" ,"), match.group("locator").strip()
