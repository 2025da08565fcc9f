"""contract: the typed data contract staff write to, and reading a data tree into it.

The pydantic models (one module per file of shared/spec/data-format.md), their
JSON Schema for editors and the staff's data reference generated from them
(schema, reference), pydantic errors turned into located Chinese problems
(validate), the loaded types (data) and the step that reads a settlement's files
and validates each against its model (load). Reading never checks cross-file
rules: that is checks/.

May import: generator.errors, generator.paths, read/, and other modules of contract/.
"""
