"""What a fetch alone says about a citation, phrased for its result: the fault policy's answer
(`citecheck.faults`) with the fetcher's detail and the URL."""

from __future__ import annotations

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
    """The verdict for a fetch error and its plain-words label, with the fetcher's detail."""
    fault = fault_for_error(error.kind)
    status = fault.status or Status.UNVERIFIABLE
    label = fault.reason
    detail = error.message.strip().splitlines()[0][:200] if error.message.strip() else ""
    return status, f"{label} ({detail})" if detail and detail.lower() != label else label
