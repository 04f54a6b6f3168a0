"""Web archives: the Internet Archive (CDX, availability, Save Page Now 2) and any Memento
(RFC 7089) TimeGate/TimeMap, each a client on the shared transport with a configurable base URL;
plus the choice of which capture stands in for a dead or changed page.
"""
