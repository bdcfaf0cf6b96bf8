/**
 * The single walk over a file's tree: sets `parent` (the CLI parses without it) and collects the nodes
 * every pass starts from, so no pass walks the tree again.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import { memberName, unwrap, type Node } from './nodes.js';

export type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** What the single walk over the tree collects for the passes that follow. */
export interface Collected {
  readonly importDeclarations: TSESTree.ImportDeclaration[];
  readonly reExports: Array<TSESTree.ExportNamedDeclaration | TSESTree.ExportAllDeclaration>;
  readonly importEquals: TSESTree.TSImportEqualsDeclaration[];
  readonly calls: TSESTree.CallExpression[];
  readonly news: TSESTree.NewExpression[];
  readonly importExpressions: TSESTree.ImportExpression[];
  readonly envObjects: TSESTree.MemberExpression[];
  readonly thisMembers: Map<ClassNode, TSESTree.MemberExpression[]>;
  /** Names declared as `const x = require` or `const x = createRequire(…)`: calls of them load modules. */
  readonly requireAliases: Set<string>;
}

/** Walks the tree once, sets `parent` (the CLI parses without it) and collects what the passes need. */
export function collect(ast: TSESTree.Program): Collected {
  const collected: Collected = {
    importDeclarations: [],
    reExports: [],
    importEquals: [],
    calls: [],
    news: [],
    importExpressions: [],
    envObjects: [],
    thisMembers: new Map(),
    requireAliases: new Set(),
  };
  const stack: Array<[Node, ClassNode | undefined]> = [[ast, undefined]];
  while (stack.length > 0) {
    const [node, enclosingClass] = stack.pop()!;
    let classForChildren = enclosingClass;
    switch (node.type) {
      case 'ImportDeclaration':
        collected.importDeclarations.push(node);
        break;
      case 'ExportNamedDeclaration':
        if (node.source) collected.reExports.push(node);
        break;
      case 'ExportAllDeclaration':
        collected.reExports.push(node);
        break;
      case 'TSImportEqualsDeclaration':
        collected.importEquals.push(node);
        break;
      case 'CallExpression':
        collected.calls.push(node);
        break;
      case 'NewExpression':
        collected.news.push(node);
        break;
      case 'ImportExpression':
        collected.importExpressions.push(node);
        break;
      case 'MemberExpression':
        if (memberName(node) === 'env' && isEnvHost(node.object)) collected.envObjects.push(node);
        if (node.object.type === 'ThisExpression' && enclosingClass) {
          const list = collected.thisMembers.get(enclosingClass) ?? [];
          list.push(node);
          collected.thisMembers.set(enclosingClass, list);
        }
        break;
      case 'ClassDeclaration':
      case 'ClassExpression':
        classForChildren = node;
        break;
      case 'VariableDeclarator':
        if (node.id.type === 'Identifier' && node.init && isRequireAliasInit(node.init)) collected.requireAliases.add(node.id.name);
        break;
      default:
        break;
    }
    const keys = visitorKeys[node.type] ?? [];
    for (const key of keys) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (let index = child.length - 1; index >= 0; index--) {
          const item = child[index] as Node | null;
          if (item && typeof item.type === 'string') {
            (item as { parent: Node }).parent = node;
            stack.push([item, classForChildren]);
          }
        }
      } else if (child && typeof (child as Node).type === 'string') {
        ((child as Node) as { parent: Node }).parent = node;
        stack.push([child as Node, classForChildren]);
      }
    }
  }
  return collected;
}

/** `require` itself or a `createRequire(…)` call: what a module-loading alias is initialised with. */
function isRequireAliasInit(init: Node): boolean {
  const inner = unwrap(init);
  if (inner.type === 'Identifier') return inner.name === 'require';
  return isCreateRequireCall(inner);
}

export function isCreateRequireCall(node: Node): boolean {
  const call = unwrap(node);
  if (call.type !== 'CallExpression') return false;
  const callee = unwrap(call.callee);
  if (callee.type === 'Identifier') return callee.name === 'createRequire' || callee.name === 'createRequireFromPath';
  return callee.type === 'MemberExpression' && memberName(callee) === 'createRequire';
}

const ENV_HOSTS = new Set(['process', 'Bun']);
const GLOBAL_OBJECTS = new Set(['globalThis', 'global', 'window', 'self']);

/** `process`, `Bun`, `globalThis.process` (and `global`/`window`/`self`), `import.meta`: what has an `env`. */
function isEnvHost(node: Node): boolean {
  if (node.type === 'Identifier') return ENV_HOSTS.has(node.name);
  if (node.type === 'MemberExpression') {
    const name = memberName(node);
    const object = unwrap(node.object);
    return name !== undefined && ENV_HOSTS.has(name) && object.type === 'Identifier' && GLOBAL_OBJECTS.has(object.name);
  }
  return node.type === 'MetaProperty' && node.meta.name === 'import' && node.property.name === 'meta';
}
