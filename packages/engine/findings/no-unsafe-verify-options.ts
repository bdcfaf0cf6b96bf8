/** no-unsafe-verify-options: verification that accepts expired, unsigned or unverified tokens, everywhere. */
import { propertyKeyName } from '../ast/nodes.js';
import { describeCanonical } from '../settings.js';
import { defineRuleFindings } from './define.js';

export default defineRuleFindings({
  id: 'no-unsafe-verify-options',
  options: {
    maxClockTolerance: {
      type: 'number',
      description:
        'The largest clock tolerance (leeway on expiry) allowed, in seconds, whatever unit the library counts in; a larger one keeps expired tokens valid.',
      default: 300,
    },
  },
  // No exemption: unsafe options are unsafe in the canonical module too.
  find(analysis, settings, { maxClockTolerance }) {
    const unsafe = analysis.unsafe.filter((site) => site.reason !== 'clockTolerance' || site.toleranceSeconds! > maxClockTolerance);
    return unsafe.map((site) => {
      const data: Record<string, string> = {
        library: site.library,
        api: site.api,
        target: site.api === site.library ? site.library : `${site.library} \`${site.api}\``,
      };
      // The option as the call spells it: jsonwebtoken's ignoreExpiration, djwt's ignoreExp.
      if (site.reason === 'ignoreExpiration') data.option = (site.node.type === 'Property' && propertyKeyName(site.node)) || 'ignoreExpiration';
      if (site.toleranceSeconds !== undefined) {
        data.tolerance = formatSeconds(site.toleranceSeconds);
        data.limit = formatSeconds(maxClockTolerance);
      }
      if (site.verifySite) {
        data.verifyLibrary = site.verifySite.library;
        data.verifyApi = site.verifySite.api;
        data.line = String(site.verifySite.node.loc.start.line);
      }
      return {
        kind: 'unsafe-options' as const,
        library: site.library,
        api: site.api,
        node: site.node,
        replacement:
          site.reason === 'fallbackDecode'
            ? 'let the verification failure reject the token'
            : site.reason === 'clockTolerance'
              ? `a clock tolerance of at most ${formatSeconds(maxClockTolerance)}`
            : `${describeCanonical(settings, 'verify')} with pinned algorithms and expiry checks`,
        messageId: site.reason,
        data,
      };
    });
  },
});

/** `86400` → '86400 s', as the message and the audit show a tolerance. */
function formatSeconds(seconds: number): string {
  return Number.isFinite(seconds) ? `${Number(seconds.toFixed(3))} s` : 'unlimited time';
}
