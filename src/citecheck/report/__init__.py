"""Report stage: a Report in, a terminal table or a file (json, markdown, html, junit) out."""
