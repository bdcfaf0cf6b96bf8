#!/usr/bin/env node
// The architecture check run by `npm test`: the product's source (packages/, rules/, codemods/; not
// tests, fixtures, the golden-path example or scripts) has no import cycle and no file over 500 lines.
// Exits 1 naming each cycle and each long file.
//
// Usage: node scripts/check-architecture.mjs [root]   (root defaults to this repository)
//
// An import counts when it runs: `import`, `export … from`, `import = require()`, `require()` and
// `import()` with a literal specifier. Type-only imports and re-exports are erased by the compiler, so
// they cannot form a cycle at run time and do not count. Specifiers resolve as NodeNext writes them: a
// `.js` specifier names the `.ts` source next to it, and a folder its index file.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const SOURCE_DIRS = ['packages', 'rules', 'codemods'];
export const MAX_LINES = 500;
const EXCLUDED_PATHS = ['packages/golden-path-example'];
const EXCLUDED_DIRS = new Set(['node_modules', 'dist', 'test', 'tests', '__tests__', 'fixtures', '__fixtures__', '__testfixtures__']);
const SOURCE_FILE = /\.(?:ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const TEST_FILE = /\.(?:test|spec)\.[cm]?[jt]sx?$/;
// What a specifier's extension can stand for in the source tree, in the order the compiler tries them.
const SOURCE_FOR = {
  '.js': ['.ts', '.tsx', '.js', '.jsx'],
  '.jsx': ['.tsx', '.jsx'],
  '.mjs': ['.mts', '.mjs'],
  '.cjs': ['.cts', '.cjs'],
};
const BARE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

const toPosix = (file) => file.split(path.sep).join('/');

/** The product's source files under root, as absolute paths. */
export function sourceFiles(root) {
  const files = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const rel = toPosix(path.relative(root, full));
      if (EXCLUDED_PATHS.includes(rel)) continue;
      if (entry.isDirectory()) {
        if (!EXCLUDED_DIRS.has(entry.name)) walk(full);
      } else if (SOURCE_FILE.test(entry.name) && !entry.name.endsWith('.d.ts') && !TEST_FILE.test(entry.name)) {
        files.push(full);
      }
    }
  };
  for (const dir of SOURCE_DIRS) if (fs.existsSync(path.join(root, dir))) walk(path.join(root, dir));
  return files.sort();
}

/** Every import of the file that exists at run time: [specifier, line]. */
export function runtimeImports(file, text) {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found = [];
  const add = (literal) => found.push([literal.text, source.getLineAndCharacterOfPosition(literal.getStart(source)).line + 1]);
  const visit = (node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!isTypeOnlyImport(node)) add(node.moduleSpecifier);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : undefined;
      const typeOnly = node.isTypeOnly || (named !== undefined && named.length > 0 && named.every((element) => element.isTypeOnly));
      if (!typeOnly) add(node.moduleSpecifier);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      if (!node.isTypeOnly && ts.isStringLiteral(node.moduleReference.expression)) add(node.moduleReference.expression);
    } else if (ts.isCallExpression(node) && node.arguments.length >= 1 && ts.isStringLiteralLike(node.arguments[0])) {
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if (isRequire || node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0]);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function isTypeOnlyImport(node) {
  const clause = node.importClause;
  if (!clause) return false; // `import './x.js'` runs the module.
  if (clause.isTypeOnly) return true;
  if (clause.name) return false;
  const bindings = clause.namedBindings;
  // `import { type A, type B } from` is erased entirely; `import {} from` is not.
  return bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((element) => element.isTypeOnly);
}

/** The source file a relative specifier names, or undefined (packages, or a file outside the tree). */
export function resolveSpecifier(fromFile, specifier, known) {
  if (!specifier.startsWith('./') && !specifier.startsWith('../') && specifier !== '.' && specifier !== '..') return undefined;
  const target = path.resolve(path.dirname(fromFile), specifier);
  const candidates = [];
  const extension = path.extname(target);
  if (SOURCE_FOR[extension]) candidates.push(...SOURCE_FOR[extension].map((source) => target.slice(0, -extension.length) + source));
  candidates.push(target, ...BARE_EXTENSIONS.map((source) => target + source), ...BARE_EXTENSIONS.map((source) => path.join(target, `index${source}`)));
  return candidates.find((candidate) => known.has(candidate));
}

/**
 * Strongly connected components with more than one file (or a file importing itself): for each, one
 * concrete cycle to name and every member (breaking that one cycle may leave others in the component).
 */
export function findCycles(graph) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const cycles = [];
  let counter = 0;
  const connect = (start) => {
    // Iterative Tarjan: deep import chains must not overflow the call stack.
    const work = [[start, 0]];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const [node, next] = frame;
      const edges = [...(graph.get(node) ?? [])];
      if (next < edges.length) {
        frame[1]++;
        const target = edges[next];
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push([target, 0]);
        } else if (onStack.has(target)) {
          low.set(node, Math.min(low.get(node), index.get(target)));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1][0];
        low.set(parent, Math.min(low.get(parent), low.get(node)));
      }
      if (low.get(node) === index.get(node)) {
        const component = [];
        let member;
        do {
          member = stack.pop();
          onStack.delete(member);
          component.push(member);
        } while (member !== node);
        if (component.length > 1 || graph.get(node)?.has(node)) cycles.push({ cycle: cyclePath(graph, new Set(component)), members: component.sort() });
      }
    }
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) connect(node);
  return cycles.sort((a, b) => (a.cycle[0] < b.cycle[0] ? -1 : a.cycle[0] > b.cycle[0] ? 1 : 0));
}

/** One concrete cycle through a component, from its first file back to it: a → b → a. */
function cyclePath(graph, component) {
  const start = [...component].sort()[0];
  // Breadth-first from start's successors back to start, inside the component: the shortest cycle.
  const previous = new Map();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift();
    for (const target of [...(graph.get(node) ?? [])].sort()) {
      if (!component.has(target)) continue;
      if (target === start) {
        const cycle = [start];
        for (let at = node; at !== start; at = previous.get(at)) cycle.unshift(at);
        cycle.unshift(start);
        return cycle;
      }
      if (!previous.has(target)) {
        previous.set(target, node);
        queue.push(target);
      }
    }
  }
  return [start, start];
}

export function checkArchitecture(root) {
  const files = sourceFiles(root);
  const known = new Set(files);
  const graph = new Map();
  const long = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const lines = text.split(/\r\n|\r|\n/).length - (/(?:\r\n|\r|\n)$/.test(text) ? 1 : 0);
    if (lines > MAX_LINES) long.push({ file: toPosix(path.relative(root, file)), lines });
    const edges = new Set();
    for (const [specifier] of runtimeImports(file, text)) {
      const target = resolveSpecifier(file, specifier, known);
      if (target) edges.add(target);
    }
    graph.set(file, edges);
  }
  const rel = (file) => toPosix(path.relative(root, file));
  const cycles = findCycles(graph).map(({ cycle, members }) => ({ cycle: cycle.map(rel), members: members.map(rel) }));
  return { files: files.length, cycles, long };
}

function main() {
  const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
  const { files, cycles, long } = checkArchitecture(root);
  for (const { cycle, members } of cycles) {
    const others = members.filter((member) => !cycle.includes(member));
    console.error(`Import cycle: ${cycle.join(' → ')}${others.length > 0 ? ` (in a knot with ${others.join(', ')})` : ''}`);
  }
  for (const item of long) console.error(`Too long: ${item.file} has ${item.lines} lines (limit ${MAX_LINES})`);
  if (cycles.length > 0 || long.length > 0) {
    console.error(`check-architecture: ${cycles.length} import cycle(s), ${long.length} file(s) over ${MAX_LINES} lines in ${files} source files.`);
    process.exitCode = 1;
  } else {
    console.log(`check-architecture: ${files} source files, no import cycles, none over ${MAX_LINES} lines.`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
