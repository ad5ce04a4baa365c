// Parses PowerShell scripts with the tree-sitter PowerShell grammar (npm tree-sitter-powershell,
// run by web-tree-sitter) and reports every syntax error or missing token with file, line and
// column. A parse, not PSScriptAnalyzer: it finds broken syntax, not style or semantic problems.
// Usage: node --liftoff-only powershell-parse.cjs NODE_MODULES_DIR FILE...
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { createRequire } = require('node:module');

const [modulesDir, ...files] = process.argv.slice(2);
const req = createRequire(path.join(path.resolve(modulesDir), 'lint.cjs'));
const { Parser, Language } = req('web-tree-sitter');

(async () => {
  await Parser.init();
  const language = await Language.load(req.resolve('tree-sitter-powershell/tree-sitter-powershell.wasm'));
  const parser = new Parser();
  parser.setLanguage(language);
  let problems = 0;
  for (const file of files) {
    const tree = parser.parse(fs.readFileSync(file, 'utf8'));
    const found = [];
    const walk = (node) => {
      if (node.isError || node.isMissing) found.push(node);
      else if (node.hasError) node.children.forEach(walk);
    };
    walk(tree.rootNode);
    for (const node of found) {
      const where = `${file}:${node.startPosition.row + 1}:${node.startPosition.column + 1}`;
      const what = node.isMissing ? `missing ${node.type}` : 'syntax error';
      console.log(`${where}: ${what} near: ${node.text.slice(0, 60).replace(/\s+/g, ' ')}`);
    }
    if (found.length === 0) console.log(`${file}: parsed, no syntax error`);
    problems += found.length;
  }
  process.exit(problems === 0 ? 0 : 1);
})().catch((e) => { console.error(e); process.exit(2); });
