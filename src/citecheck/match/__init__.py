"""Match stage: a Citation and its page's metadata in, scores and a verdict out."""
