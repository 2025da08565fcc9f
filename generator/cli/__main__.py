"""`python -m generator.cli`: the same as the `portal` command."""

from generator.cli.main import main

main()
