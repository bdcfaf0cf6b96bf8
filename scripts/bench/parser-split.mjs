#!/usr/bin/env node
/**
 * Where the CPU of one parsed file goes in the audit, per parser: parse, scope analysis, the engine's
 * analysis. Takes the files of a generated tree that the prefilter lets through (the ones the audit
 * parses), runs each step over all of them several times, and prints the median CPU ms per file.
 * Runs the built dist/ (`npm run build` first).
 *
 *   node scripts/bench/parser-split.mjs [--files 2000] [--seed 42] [--rounds 7]
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defaultTreeDir, generateTree } from './generate.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(REPO, 'package.json'));
const engine = require(path.join(REPO, 'dist/packages/engine/index.js'));
const { parseWithOxc, loadOxc } = require(path.join(REPO, 'dist/packages/engine/parse-oxc.js'));
const { parse } = require('@typescript-eslint/typescript-estree');
const { analyze } = require('@typescript-eslint/scope-manager');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(args[index + 1]);
};
const files = option('files', 2000);
const seed = option('seed', 42);
const rounds = option('rounds', 7);

const root = defaultTreeDir(files, seed);
generateTree({ files, seed, out: root });
const settings = engine.readSettings(
  { 'jwt-ssot': { canonical: { module: 'src/auth/jwt-handler.ts', exports: { verify: 'validateToken', decode: 'decodeToken' } } } },
  root,
);
const sources = [];
const walk = (dir) => {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (entry.name.endsWith('.ts')) {
      const text = fs.readFileSync(full, 'utf8');
      if (engine.mightContainSites(text, settings)) sources.push({ file: full, text });
    }
  }
};
walk(path.join(root, 'src'));

const cpuMs = (start) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const PARSERS = {
  'typescript-estree': ({ file, text }) =>
    parse(text, { range: true, loc: true, comment: false, jsx: false, filePath: file, jsDocParsingMode: 'none' }),
  'oxc-parser': ({ file, text }) => parseWithOxc(file, text, { comments: false }),
};

if (!loadOxc()) throw new Error('oxc-parser is not installed next to this checkout');
console.log(`${sources.length} of ${files} files pass the prefilter; ${rounds} rounds, median CPU ms per parsed file`);
console.log('| parser | parse | scope | analysis | total |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const [name, parseOne] of Object.entries(PARSERS)) {
  const steps = { parse: [], scope: [], analysis: [] };
  for (let round = 0; round <= rounds; round++) {
    let start = process.cpuUsage();
    const trees = sources.map(parseOne);
    const parseTime = cpuMs(start);
    if (trees.some((tree) => tree === undefined)) throw new Error(`${name} fell back on a bench file`);
    start = process.cpuUsage();
    const scopes = trees.map((ast) => analyze(ast, { sourceType: 'module', jsxPragma: null }));
    const scopeTime = cpuMs(start);
    start = process.cpuUsage();
    trees.forEach((ast, index) => engine.analyzeFile({ ast, scopeManager: scopes[index], filename: sources[index].file, text: sources[index].text, settings }));
    const analysisTime = cpuMs(start);
    // Round 0 warms the JIT and loads the modules: not counted.
    if (round === 0) continue;
    steps.parse.push(parseTime / sources.length);
    steps.scope.push(scopeTime / sources.length);
    steps.analysis.push(analysisTime / sources.length);
  }
  const [p, s, a] = [median(steps.parse), median(steps.scope), median(steps.analysis)];
  console.log(`| ${name} | ${p.toFixed(2)} | ${s.toFixed(2)} | ${a.toFixed(2)} | ${(p + s + a).toFixed(2)} |`);
}
