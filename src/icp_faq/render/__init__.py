"""Renderers: turn model objects into text, JSON-ready data, Markdown or graphs. They return,
never print; only cli.py writes."""
