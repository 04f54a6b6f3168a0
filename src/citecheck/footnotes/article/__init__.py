"""Finding the note list in an article (plain text, Markdown, HTML) and where each note is cited."""
