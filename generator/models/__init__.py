"""The typed data contract of shared/spec/data-format.md, one module per file."""
