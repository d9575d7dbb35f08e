"""The package version: one place, read by the build backend, the CLI and every result."""

__version__ = "0.1.0"
