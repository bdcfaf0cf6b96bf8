/**
 * The suggestion that rewrites a simple library call onto the canonical function, with the import it
 * needs. A suggestion, never an autofix: options and return shapes differ, so a person confirms.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { canonicalSpecifier, isCommonJsFile, usesJsExtensions, type CallSite, type Settings } from '../../packages/engine/index.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** Calls whose first argument is the token and whose result is the payload (or a promise of it). */
const TOKEN_FIRST_APIS = new Set([
  'jsonwebtoken:verify',
  'jsonwebtoken:decode',
  'jose:jwtVerify',
  'jose:decodeJwt',
  'jwt-decode:jwt-decode',
  'jwt-decode:default',
  'jwt-decode:jwtDecode',
  'hono/jwt:verify',
  'hono/jwt:decode',
  '@tsndr/cloudflare-worker-jwt:verify',
  '@tsndr/cloudflare-worker-jwt:decode',
]);

export function isSimpleCanonicalCandidate(call: CallSite): boolean {
  if (call.form !== 'call' || call.node.type !== 'CallExpression') return false;
  const [token] = call.args;
  if (!token || token.type === 'SpreadElement') return false;
  if (call.args.some((arg) => arg.type === 'ArrowFunctionExpression' || arg.type === 'FunctionExpression')) return false;
  return TOKEN_FIRST_APIS.has(`${call.library}:${call.api}`);
}

/** The local name to call the canonical export by, and the import to add (if any). */
function canonicalBinding(context: Context, settings: Settings, exportName: string): { local: string; importText?: string; anchor?: TSESTree.Node } | undefined {
  const { sourceCode } = context;
  const ast = sourceCode.ast;
  const commonJs = isCommonJsFile(context.filename, ast);
  const specifier = canonicalSpecifier(settings, context.filename, { jsExtension: !commonJs && usesJsExtensions(ast) });
  if (!specifier) return undefined;
  for (const statement of ast.body) {
    if (statement.type !== 'ImportDeclaration' || statement.source.value !== specifier) continue;
    for (const imported of statement.specifiers) {
      if (imported.type === 'ImportSpecifier' && imported.imported.type === 'Identifier' && imported.imported.name === exportName) {
        return { local: imported.local.name };
      }
    }
  }
  const scope = sourceCode.scopeManager?.globalScope;
  const taken = (name: string): boolean =>
    Boolean(scope && (scope.set.has(name) || scope.through.some((reference) => reference.identifier.name === name))) ||
    Boolean(sourceCode.scopeManager?.scopes.some((s) => s.set.has(name)));
  let local = exportName;
  if (taken(local)) local = `ssot${exportName[0]!.toUpperCase()}${exportName.slice(1)}`;
  const firstImport = ast.body.find((statement): statement is TSESTree.ImportDeclaration => statement.type === 'ImportDeclaration');
  const quote = firstImport?.source.raw.startsWith('"') ? '"' : "'";
  const semi = firstImport && !sourceCode.getText(firstImport).trimEnd().endsWith(';') ? '' : ';';
  const binding = local === exportName ? exportName : `${exportName} as ${local}`;
  const importText = commonJs
    ? `const { ${local === exportName ? exportName : `${exportName}: ${local}`} } = require(${quote}${specifier}${quote})${semi}\n`
    : `import { ${binding} } from ${quote}${specifier}${quote}${semi}\n`;
  const lastImport = [...ast.body].reverse().find((statement) => statement.type === 'ImportDeclaration');
  return { local, importText, anchor: lastImport };
}

export function canonicalCallSuggestion(
  context: Context,
  call: CallSite,
  settings: Settings,
  which: 'verify' | 'decode',
  messageId: string,
): TSESLint.SuggestionReportDescriptor<string>[] {
  const exportName = which === 'verify' ? settings.canonical?.exports.verify : settings.canonical?.exports.decode;
  if (!exportName || !isSimpleCanonicalCandidate(call)) return [];
  const binding = canonicalBinding(context, settings, exportName);
  if (!binding) return [];
  const tokenText = context.sourceCode.getText(call.args[0]!);
  return [
    {
      messageId,
      data: { name: exportName, module: settings.canonical!.module },
      fix(fixer) {
        const fixes = [fixer.replaceText(call.node, `${binding.local}(${tokenText})`)];
        if (binding.importText) {
          const ast = context.sourceCode.ast;
          fixes.push(
            binding.anchor
              ? fixer.insertTextAfter(binding.anchor, `\n${binding.importText.trimEnd()}`)
              : fixer.insertTextBeforeRange([ast.body[0]?.range[0] ?? 0, ast.body[0]?.range[0] ?? 0], binding.importText),
          );
        }
        return fixes;
      },
    },
  ];
}
