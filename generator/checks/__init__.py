"""checks: the rules across files, the money rules and the personal-information scan.

Run on whatever loaded (contract.data.Loaded): references and coverage
(references), fund ledgers and balances (funds), residents' ID numbers, cards and
mobiles however they are written (privacy, digits); project puts reading and
checking together: load a settlement or the whole tree, checked.

May import: generator.errors, generator.paths, read/, contract/, and other modules of checks/.
"""
