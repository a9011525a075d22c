"""Renderers: turn catalog entries and score cards into terminal, Markdown, HTML, JSON and CSV."""
