/**
 * Private auth-module paths imported through a tsconfig `paths` alias (`@/auth/internal/…`) are bypasses
 * like their relative spelling: the engine classifies specifiers with the one resolver, which reads the
 * project's tsconfig. The fixture folder has its own tsconfig so the shared fixtures keep relative imports.
 */
import path from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/no-auth-import-bypass.js';
import { FIXTURES, testable } from '../rule-tester.js';

const ROOT = path.join(FIXTURES, 'aliased');
const ruleTester = new RuleTester({
  settings: { 'jwt-ssot': { root: ROOT, authModules: [{ entry: 'src/auth/index.ts', private: ['src/auth/internal/**'] }] } },
});
const route = path.join(ROOT, 'src/routes/profile.ts');

ruleTester.run('no-auth-import-bypass (tsconfig paths)', testable(rule), {
  valid: [
    { name: "the entry through the alias", filename: route, code: "import { refreshWindow } from '@/auth';\n" },
    { name: 'an alias that names no private path', filename: route, code: "import { helper } from '@/routes/helper';\n" },
    { name: 'a package whose name looks like the alias', filename: route, code: "import x from '@auth/core';\n" },
  ],
  invalid: [
    {
      name: 'a private path through the alias, repointed to the entry that exports the name',
      filename: route,
      code: "import { refreshWindow } from '@/auth/internal/session';\n",
      output: "import { refreshWindow } from '../auth';\n",
      errors: [{ messageId: 'privateAuthImport', line: 1, column: 31, endLine: 1, endColumn: 56 }],
    },
    {
      name: 'a private name the entry does not export: reported, not fixed',
      filename: route,
      code: "import { signingKeyId } from '@/auth/internal/session';\n",
      errors: [{ messageId: 'privateAuthImport', line: 1, column: 30, endLine: 1, endColumn: 55 }],
    },
  ],
});
