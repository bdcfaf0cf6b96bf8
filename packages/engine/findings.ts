/**
 * What each rule reports, as data. The lint rules report these findings and the audit prints them, so
 * the two agree on every site by construction. Message texts live in the rules' `meta.messages`.
 */
import path from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import { describeCanonical, type Settings } from './settings.js';
import { toPosix } from './paths.js';
import type { CallSite, FileAnalysis, ImportSite } from './types.js';

export const RULE_IDS = [
  'no-auth-import-bypass',
  'no-direct-decode',
  'no-direct-verify',
  'no-jwt-secret-access',
  'no-unsafe-verify-options',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export interface RuleOptions {
  'no-direct-verify': { checkSign: boolean };
  'no-direct-decode': Record<string, never>;
  'no-auth-import-bypass': { allowTypeImports: boolean };
  'no-jwt-secret-access': Record<string, never>;
  'no-unsafe-verify-options': Record<string, never>;
}

export const DEFAULT_RULE_OPTIONS: { [R in RuleId]: RuleOptions[R] } = {
  'no-direct-verify': { checkSign: false },
  'no-direct-decode': {},
  'no-auth-import-bypass': { allowTypeImports: true },
  'no-jwt-secret-access': {},
  'no-unsafe-verify-options': {},
};

export interface Finding {
  readonly rule: RuleId;
  readonly messageId: string;
  readonly data: Record<string, string>;
  readonly node: TSESTree.Node;
  readonly call?: CallSite;
  readonly importSite?: ImportSite;
}

const FORM_WORDS: Record<ImportSite['form'], string> = {
  import: 'Import',
  require: 'require()',
  'dynamic-import': 'Dynamic import()',
  'import-equals': 'import = require()',
  'export-from': 'Re-export',
  'export-all': 'Re-export (export *)',
};

/** Paths in messages are relative to `root`, like the settings that name them. */
function relativeToRoot(settings: Settings, file: string): string {
  return toPosix(path.relative(settings.root, file));
}

function canonicalModule(settings: Settings): string {
  return settings.canonical?.module ?? `the canonical module (set settings['jwt-ssot'].canonical)`;
}

function callData(site: CallSite, settings: Settings, which: 'verify' | 'decode'): Record<string, string> {
  return {
    library: site.library,
    api: site.api,
    // A callable module (koa-jwt, jwt-decode v3) is named once, not as "koa-jwt `koa-jwt`".
    target: site.api === site.library ? site.library : `${site.library} \`${site.api}\``,
    how: site.note ? ` (${site.note})` : '',
    replacement: describeCanonical(settings, which),
    module: canonicalModule(settings),
  };
}

export function findingsFor<R extends RuleId>(
  rule: R,
  analysis: FileAnalysis,
  settings: Settings,
  options: RuleOptions[R] = DEFAULT_RULE_OPTIONS[rule],
): Finding[] {
  const findings: Finding[] = [];
  const bypassExempt = analysis.exempt;
  switch (rule) {
    case 'no-direct-verify': {
      if (bypassExempt) break;
      const { checkSign } = options as RuleOptions['no-direct-verify'];
      for (const call of analysis.calls) {
        if (call.kind === 'verify') {
          const messageId = call.form === 'reference' ? 'verifyReference' : call.form === 'computed' ? 'computedAccess' : 'directVerify';
          findings.push({ rule, messageId, data: callData(call, settings, 'verify'), node: call.node, call });
        } else if (call.kind === 'sign' && checkSign) {
          findings.push({ rule, messageId: 'directSign', data: callData(call, settings, 'verify'), node: call.node, call });
        }
      }
      break;
    }
    case 'no-direct-decode': {
      if (bypassExempt) break;
      for (const call of analysis.calls) {
        if (call.kind !== 'decode') continue;
        const messageId = call.form === 'hand-rolled' ? 'handRolledDecode' : call.form === 'reference' ? 'decodeReference' : 'directDecode';
        findings.push({ rule, messageId, data: callData(call, settings, 'decode'), node: call.node, call });
      }
      break;
    }
    case 'no-auth-import-bypass': {
      if (bypassExempt) break;
      const { allowTypeImports } = options as RuleOptions['no-auth-import-bypass'];
      for (const site of analysis.imports) {
        if (site.typeOnly && allowTypeImports) continue;
        if (site.authModule) {
          findings.push({
            rule,
            messageId: 'privateAuthImport',
            data: { specifier: site.specifier, entry: relativeToRoot(settings, site.authModule.entry), form: FORM_WORDS[site.form] },
            node: site.source,
            importSite: site,
          });
        } else if (site.library) {
          findings.push({
            rule,
            messageId: 'libraryImport',
            data: {
              form: FORM_WORDS[site.form],
              specifier: site.specifier,
              library: site.library.name,
              module: canonicalModule(settings),
            },
            node: site.node,
            importSite: site,
          });
        }
      }
      if (analysis.mentionsJwt) {
        for (const site of analysis.unresolvedModules) {
          findings.push({ rule, messageId: 'unanalysableModule', data: { form: site.form === 'require' ? 'require()' : 'import()' }, node: site.node });
        }
      }
      break;
    }
    case 'no-jwt-secret-access': {
      if (bypassExempt) break;
      for (const site of analysis.secrets) {
        findings.push({ rule, messageId: 'secretAccess', data: { name: site.name, source: site.source, module: canonicalModule(settings) }, node: site.node });
      }
      break;
    }
    case 'no-unsafe-verify-options': {
      for (const site of analysis.unsafe) {
        const data: Record<string, string> = {
          library: site.library,
          api: site.api,
          target: site.api === site.library ? site.library : `${site.library} \`${site.api}\``,
        };
        if (site.verifySite) {
          data.verifyLibrary = site.verifySite.library;
          data.verifyApi = site.verifySite.api;
          data.line = String(site.verifySite.node.loc.start.line);
        }
        findings.push({ rule, messageId: site.reason, data, node: site.node });
      }
      break;
    }
    default:
      break;
  }
  return findings;
}
