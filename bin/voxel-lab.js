#!/usr/bin/env node
// The `voxel-lab` command: the built CLI bundle, or the TypeScript sources through tsx in a dev checkout.
'use strict';
const path = require('node:path');
const fs = require('node:fs');

const built = path.join(__dirname, '..', 'dist', 'cli.js');
let cli;
if (fs.existsSync(built)) {
  cli = require(built);
} else {
  try {
    require('tsx/cjs');
  } catch {
    process.stderr.write(`voxel-lab: not built yet; run \`npm run build\` in ${path.dirname(__dirname)}\n`);
    process.exit(1);
  }
  cli = require('../src/cli/main.ts');
}
// `voxel-lab … | head` closes the pipe early: stop quietly, as Unix tools do, instead of an EPIPE stack trace.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
