/** no-direct-decode: unverified decoding (library calls and hand-rolled base64) outside the canonical module. */
import { callFinding, defineRuleFindings } from './define.js';

export default defineRuleFindings({
  id: 'no-direct-decode',
  options: {},
  find(analysis, settings) {
    if (analysis.exempt) return [];
    return analysis.calls
      .filter((call) => call.kind === 'decode')
      .map((call) => {
        const messageId = call.form === 'hand-rolled' ? 'handRolledDecode' : call.form === 'reference' ? 'decodeReference' : 'directDecode';
        return callFinding(call, settings, messageId, 'decode');
      });
  },
});
