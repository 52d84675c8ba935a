"""The `eduvoc` command line: translates arguments into registry calls and errors into exit codes."""
