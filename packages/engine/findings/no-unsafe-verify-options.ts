/** no-unsafe-verify-options: verification that accepts expired, unsigned or unverified tokens, everywhere. */
import { describeCanonical } from '../settings.js';
import { defineRuleFindings } from './define.js';

export default defineRuleFindings({
  id: 'no-unsafe-verify-options',
  options: {},
  // No exemption: unsafe options are unsafe in the canonical module too.
  find(analysis, settings) {
    return analysis.unsafe.map((site) => {
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
      return {
        kind: 'unsafe-options' as const,
        library: site.library,
        api: site.api,
        node: site.node,
        replacement:
          site.reason === 'fallbackDecode'
            ? 'let the verification failure reject the token'
            : `${describeCanonical(settings, 'verify')} with pinned algorithms and expiry checks`,
        messageId: site.reason,
        data,
      };
    });
  },
});
