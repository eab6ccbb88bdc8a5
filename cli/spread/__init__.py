"""Spread: help a proven social innovation spread to many local sites with fidelity."""

__version__ = "0.1.0"
