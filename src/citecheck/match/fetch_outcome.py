"""What a fetch alone says about a citation, phrased for its result: the fault policy's answer
(`citecheck.faults`) with the fetcher's detail and the URL."""

from __future__ import annotations

import re
from dataclasses import dataclass

from citecheck.faults import describe_status, fault_for_error, policy_for
from citecheck.models import FetchError, FetchResult, Status


@dataclass(frozen=True)
class FetchOutcome:
    """`status` None means the page was reached and its content decides."""

    status: Status | None
    reason: str


def fetch_outcome(fetched: FetchResult) -> FetchOutcome:
    url = fetched.final_url or fetched.requested_url
    if fetched.error is not None:
        status, reason = describe_error(fetched.error)
        return FetchOutcome(status, f"{reason} at {url}")
    if fetched.status is None:
        return FetchOutcome(Status.UNVERIFIABLE, f"no response from {url}")
    fault = policy_for(fetched)
    label = fault.label or describe_status(fetched.status)
    return FetchOutcome(fault.status, f"{label} at {url}{fault.note}")


def describe_error(error: FetchError) -> tuple[Status, str]:
    """The verdict for a fetch error and its plain-words label with the fetcher's detail,
    each thing said once."""
    fault = fault_for_error(error.kind)
    status = fault.status or Status.UNVERIFIABLE
    detail = error.message.strip().splitlines()[0][:200] if error.message.strip() else ""
    return status, said_once(fault.reason, detail)


def said_once(label: str, detail: str) -> str:
    """The label, the detail, or the label with the detail in brackets: whichever says it all
    without saying anything twice ("not in cache (offline run)", not "... (not in cache)";
    "refused: 10.0.0.5 is a private address (...)", not "refused: private address (refused:
    ...)")."""
    if not detail:
        return label
    if label.lower().startswith(detail.lower()):
        return label
    head = re.split(r"[:(]", label, maxsplit=1)[0].strip().lower()
    if detail.lower().startswith(head):
        return detail
    return f"{label} ({detail})"
