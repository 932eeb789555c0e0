#!/usr/bin/env node
// Counts the imports between folders of src/ that run against the floors of the code
// (domain/config/common → chain → store → indexer and contexts → edges → boot), and fails on the
// imports that must never happen: GraphQL below the edge, chain/ reaching devnet/, database/
// reaching a store or context. It also fails on a source file over 600 lines.
// Usage: node scripts/check-layers.mjs [--list] [--max N]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const FLOOR_NAMES = ['', 'basement', 'chain', 'store', 'contexts', 'edges', 'boot'];

/** The floor of a file, by its path under src/ (first match wins). */
const FLOORS = [
  [/^src\/(domain|config|common)\//, 1],
  [/^src\/metrics\/metrics-registry\.ts$/, 1],
  [/^src\/(chain|devnet)\//, 2],
  [/^src\/(store|database)\//, 3],
  [/^src\/[a-z-]+\/graphql\//, 5],
  [/^src\/(indexer|staking|committee|epochs|rewards|shard-migration|performance|availability|reports)\//, 4],
  [/^src\/(api|health|metrics|dashboards|web)\//, 5],
  [/^src\/(cli|boot|reference)\//, 6],
  [/^src\/[^/]+\.ts$/, 6],
];

function floorOf(path) {
  for (const [pattern, floor] of FLOORS) {
    if (pattern.test(path)) return floor;
  }
  throw new Error(`check-layers: ${path} is on no floor; add its folder to scripts/check-layers.mjs`);
}

/** A top folder of src/, with a context's `graphql/` counted as a folder of its own (it is an edge). */
const folderOf = (path) => {
  const parts = path.replace(/\.ts$/, '').split('/');
  return parts[2] === 'graphql' ? parts.slice(0, 3).join('/') : parts.slice(0, 2).join('/');
};

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

function resolveImport(spec) {
  for (const candidate of [`${spec}.ts`, `${spec}/index.ts`, spec]) {
    try {
      if (statSync(join(root, candidate)).isFile()) return candidate;
    } catch {
      // try the next form
    }
  }
  return `${spec}.ts`;
}

const MAX_FILE_LINES = 600;
const IMPORT = /(?:from\s+|import\s*\(\s*|import\s+)'([^']+)'/g;
const upward = [];
const forbidden = [];
const oversized = [];
for (const file of sourceFiles(join(root, 'src'))) {
  const path = relative(root, file);
  const floor = floorOf(path);
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n').length - 1;
  if (lines > MAX_FILE_LINES) {
    oversized.push(`${path}: ${lines} lines (at most ${MAX_FILE_LINES})`);
  }
  for (const [, spec] of text.matchAll(IMPORT)) {
    if (
      (spec === 'graphql' || spec.startsWith('graphql/') || spec.startsWith('@nestjs/graphql')) &&
      floor < 5
    ) {
      forbidden.push(`${path} imports ${spec}: GraphQL lives only at the edge`);
    }
    if (!spec.startsWith('src/')) continue;
    const target = resolveImport(spec);
    if (folderOf(target) === folderOf(path)) continue;
    if (path.startsWith('src/chain/') && target.startsWith('src/devnet/')) {
      forbidden.push(`${path} imports ${spec}: chain/ cannot know the local network`);
    }
    if (path.startsWith('src/database/') && !/^src\/(domain|config|common|database)\//.test(target)) {
      forbidden.push(`${path} imports ${spec}: database/ knows no table and no context`);
    }
    const targetFloor = floorOf(target);
    if (targetFloor > floor) {
      upward.push(`${path} (${FLOOR_NAMES[floor]}) → ${target} (${FLOOR_NAMES[targetFloor]})`);
    }
  }
}

const args = process.argv.slice(2);
const maxIndex = args.indexOf('--max');
const max = maxIndex >= 0 ? Number(args[maxIndex + 1]) : 3;
if (args.includes('--list') || upward.length > max) {
  for (const line of upward) console.log(`  up: ${line}`);
}
for (const line of forbidden) console.log(`  forbidden: ${line}`);
for (const line of oversized) console.log(`  too long: ${line}`);
console.log(
  `imports against the floors: ${upward.length} (at most ${max}); forbidden imports: ${forbidden.length}; ` +
    `files over ${MAX_FILE_LINES} lines: ${oversized.length}`,
);
process.exit(upward.length > max || forbidden.length > 0 || oversized.length > 0 ? 1 : 0);
