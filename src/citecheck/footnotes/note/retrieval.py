"""Phrases that say where a work was found online ("Retrieved from the agency's website",
"Available at:", "[cited 2016 Aug 31]", "Disponível em:"), left behind once the URL and the access
date are cut out. They name no field, and read as a publication if they stay."""

from __future__ import annotations

import re

# "[cited 2016 Aug 31]", "[Accessed: 19-Oct-2017]", "[Citation : 18 janvier 2015.]"
_BRACKETED = re.compile(
    r"\[\s*(?:cited|cit\.|citation|accessed|consulted|consulté|viewed|retrieved|zitiert|"
    r"abgerufen|updated)\b[^\[\]]{0,60}\]\.?",
    re.IGNORECASE,
)
_LEAD_IN = (
    r"(?:retrieved|recuperado|retirado|downloaded)(?:\s+on)?\s+(?:from|de|em)\b"
    r"|available(?:\s+(?:at|from|on|online|via|in))*\s*:"
    r"|available\s+(?:at|from|online|via)\b"
    r"|(?:last\s+)?accessed(?:\s+(?:at|through|via|on|from))?\s*:"
    r"|(?:last\s+)?accessed\s+(?:at|through|via|from)\b|last\s+accessed\b"
    r"|dispon[ií]vel\s+em\b|disponible\s+(?:en|sur)\b|document\s+t[ée]l[ée]accessible\b"
    r"|rep[ée]r[ée]\s+(?:le|à|sur)\b|(?:text\s+)?abrufbar\b|im\s+internet\b|online\s*:|consulted\s*:|accessible\s+(?:at|from)\b"
)
# The phrase opens the note, a sentence or a comma piece, and runs to the end of its sentence
# (whose period may be doubled where a link was cut out: "Available at: <URL>.").
_PHRASE = re.compile(
    r"(?:^|(?<=[.,;])|(?<=[.,;]\s))\s*(?:" + _LEAD_IN + r")[^.]*?(?:\.+(?=\s|$)|$)",
    re.IGNORECASE,
)


def drop_retrieval_phrases(text: str) -> str:
    text = _BRACKETED.sub("", text)
    return _PHRASE.sub("", text).strip()
