"""Reading an article's footnotes into citations: find the note list, parse each note."""
