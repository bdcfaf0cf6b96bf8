/**
 * What a person has to do about a finding migrate leaves in place (an import still needed, a secret read,
 * unsafe options, a module named at run time): the reason of its follow-up comment. Each says what to
 * change, not only what the rule dislikes, because the comment stays in the code until someone acts.
 */
import { describeCanonical, type Finding, type FileAnalysis, type Settings } from '../engine/index.js';

const canonicalModuleOf = (settings: Settings): string => settings.canonical?.module ?? 'the canonical module';

const quoted = (names: readonly string[]): string => names.map((name) => `\`${name}\``).join(', ');

/** What this file still does with `library`: check tokens (verify, decode) and sign them (with which APIs). */
function remainingCalls(analysis: FileAnalysis, library: string): { checks: boolean; signs: string[] } {
  const calls = analysis.calls.filter((call) => call.library === library);
  const signs = new Set(calls.filter((call) => call.kind === 'sign').map((call) => call.api));
  return { checks: calls.some((call) => call.kind !== 'sign'), signs: [...signs].sort() };
}

function libraryImportReason(finding: Finding, analysis: FileAnalysis, settings: Settings): string {
  const module = canonicalModuleOf(settings);
  const library = finding.library;
  const { checks, signs } = remainingCalls(analysis, library);
  if (checks) return `${library} stays imported for the JWT calls marked with follow-ups in this file; drop this import once they go through ${module}.`;
  if (signs.length > 0) {
    return `${library} is still imported only to sign tokens (${quoted(signs)}); signing is out of scope of the canonical validator: issue tokens from ${module} (or a module listed in \`allow\`) and drop this import.`;
  }
  return `Imports ${library} outside ${module}: take what this file needs from ${module}, or list this file in \`allow\`.`;
}

const UNSAFE_REASONS: Readonly<Record<string, (target: string, settings: Settings) => string>> = {
  ignoreExpiration: (target, settings) => `${target} accepts expired tokens (ignoreExpiration): drop the option, or verify with ${describeCanonical(settings, 'verify')}.`,
  algorithmNone: (target, settings) => `${target} accepts unsigned tokens (algorithm 'none'): pin real algorithms, or verify with ${describeCanonical(settings, 'verify')}.`,
  signsUnsigned: (target) => `${target} issues unsigned tokens (algorithm 'none'): sign with a real algorithm and key.`,
  unpinnedAlgorithms: (target, settings) => `${target} lets the token choose its algorithm: pass the allowed algorithms, or verify with ${describeCanonical(settings, 'verify')}.`,
  noVerify: (target, settings) => `${target} never checks the signature (noVerify): verify with ${describeCanonical(settings, 'verify')} instead.`,
  fallbackDecode: () => `This decode accepts the tokens a failed verification rejected: let the failure reject the token, or justify the fallback.`,
};

/** The follow-up reason for a finding of any rule. */
export function reasonFor(finding: Finding, analysis: FileAnalysis, settings: Settings): string {
  const module = canonicalModuleOf(settings);
  switch (finding.messageId) {
    case 'libraryImport':
      return libraryImportReason(finding, analysis, settings);
    case 'privateAuthImport':
      // Migrate points such imports at the entry when it exports every name they take; this one it could not.
      return `Imports \`${finding.api}\`, which is private to the auth module ${finding.data.entry ?? ''}: export what this file takes from that entry, then import it from there.`;
    case 'unanalysableModule':
      return `This ${finding.api} names its module at run time, so migrate cannot tell what it loads: if it can load a JWT library or auth code, import ${module} with a literal specifier instead.`;
    case 'secretAccess':
      return `Reads the JWT secret ${finding.api} outside the canonical module: get the key (or what it is for) from ${module}, or list this file in \`allow\`.`;
    default: {
      const unsafe = UNSAFE_REASONS[finding.messageId];
      const target = finding.api === finding.library ? finding.library : `${finding.library} \`${finding.api}\``;
      if (unsafe) return unsafe(target, settings);
      // verify, decode and sign calls are planned by planFile; this covers one it could not reach.
      return `${target} is used outside ${module}: ${finding.replacement}.`;
    }
  }
}
