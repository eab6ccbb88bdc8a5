"""One module per command group; each click command parses options, calls the core, and reports.

The top layer: may import every folder below it. Nothing imports it but `spread.cli`.
"""
