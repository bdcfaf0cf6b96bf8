/** no-jwt-secret-access: reads of JWT secrets from the environment outside the canonical module. */
import { canonicalModule, canonicalModuleForReplacement, defineRuleFindings } from './define.js';

export default defineRuleFindings({
  id: 'no-jwt-secret-access',
  options: {},
  find(analysis, settings) {
    if (analysis.exempt) return [];
    return analysis.secrets.map((site) => ({
      kind: 'secret' as const,
      library: '(environment)',
      api: site.name,
      node: site.node,
      replacement: `keep JWT keys inside ${canonicalModuleForReplacement(settings)}`,
      messageId: 'secretAccess',
      data: { name: site.name, source: site.source, module: canonicalModule(settings) },
    }));
  },
});
