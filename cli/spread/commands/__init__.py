"""One module per command group; each click command parses options, calls the core, and reports."""
