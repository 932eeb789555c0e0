#!/usr/bin/env node
'use strict';
const path = require('node:path');

// A service, unless told otherwise: libraries read this once, at load (graphql-js, for one, drops
// its development-time checks from every type test in production).
process.env.NODE_ENV ??= 'production';

let cli;
try {
  cli = require(path.join(__dirname, '..', 'dist', 'src', 'cli.js'));
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND') {
    process.stderr.write('tusk: the project is not built yet: run `npm run build` first\n');
    process.exit(1);
  }
  throw error;
}

cli.runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`tusk: ${error && error.message ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
