"""cli: the `portal` command: parse arguments, call one function, turn errors into messages.

main (the group and the build commands), staff (the staff commands), common (shared
options, error handling), output (problems as text, annotations or JSON), serve
(live preview) and catalogue (every error code, gathered from where it is raised).

May import: everything. The `portal` command is generator.cli.main:main.
"""
