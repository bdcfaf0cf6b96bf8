/** no-direct-verify: verification (and with checkSign, signing) outside the canonical module. */
import { callFinding, defineRuleFindings, type SiteFinding } from './define.js';

export default defineRuleFindings({
  id: 'no-direct-verify',
  options: {
    checkSign: {
      type: 'boolean',
      description: 'Also report calls that sign tokens (`sign`, `new SignJWT`, `createSigner`).',
      default: false,
    },
  },
  find(analysis, settings, { checkSign }) {
    if (analysis.exempt) return [];
    const findings: SiteFinding[] = [];
    for (const call of analysis.calls) {
      if (call.kind === 'verify') {
        const messageId = call.form === 'reference' ? 'verifyReference' : call.form === 'computed' ? 'computedAccess' : 'directVerify';
        findings.push(callFinding(call, settings, messageId, 'verify'));
      } else if (call.kind === 'sign' && checkSign) {
        findings.push(callFinding(call, settings, 'directSign', 'verify'));
      }
    }
    return findings;
  },
});
