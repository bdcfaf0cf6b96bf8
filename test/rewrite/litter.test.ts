/** What the rewrites leave behind is removed, and only that (packages/rewrite/litter.ts and its helpers). */
import { describe, expect, it } from 'vitest';
import { readSettings } from '../../packages/engine/index.js';
import { migrateFile } from '../../packages/rewrite/index.js';
import { BASE_SHAPE } from '../codemods/fixture-cases.js';

const settings = readSettings({ 'jwt-ssot': { canonical: { module: 'src/auth/jwt-handler.ts', exports: { verify: 'validateToken' } } } }, '/project');
const migrate = (text: string) => migrateFile({ file: '/project/src/a.ts', text, settings, canonicalShape: BASE_SHAPE });

describe('litter', () => {
  it("removes an orphaned import together with an earlier run's follow-up comment above it", () => {
    const text = [
      '// TODO(jwt-ssot): jsonwebtoken stays imported for the JWT calls marked with follow-ups in this file; drop this import once they go through src/auth/jwt-handler.ts.',
      "import jwt from 'jsonwebtoken';",
      '',
      'export const user = (token: string) => jwt.verify(token, process.env.JWT_SECRET!);',
      '',
    ].join('\n');
    const result = migrate(text);
    expect(result.text).toBe("import { validateToken } from './auth/jwt-handler';\n\nexport const user = (token: string) => validateToken(token);\n");
    expect(result.edits.map((edit) => edit.kind).sort()).toEqual(['import', 'remove-import', 'rewrite']);
    expect(migrate(result.text).changed).toBe(false);
  });

  it('removes a chain of constants that only fed the key, and reports each removal', () => {
    const text = [
      "import jwt from 'jsonwebtoken';",
      '',
      'export function user(token: string) {',
      '  const raw = process.env.JWT_SECRET;',
      "  const key = Buffer.from(raw ?? '', 'utf8');",
      '  return jwt.verify(token, key);',
      '}',
      '',
    ].join('\n');
    const result = migrate(text);
    expect(result.text).toBe("import { validateToken } from './auth/jwt-handler';\n\nexport function user(token: string) {\n  return validateToken(token);\n}\n");
    expect(result.edits.filter((edit) => edit.kind === 'remove-constant').map((edit) => [edit.line, edit.description])).toEqual([
      [4, 'remove unused constant raw'],
      [5, 'remove unused constant key'],
    ]);
  });

  it('keeps a constant whose initialiser has a side effect, and marks the secret read it still holds', () => {
    const text = "import jwt from 'jsonwebtoken';\n\nfunction loadSecret() {\n  return process.env.JWT_SECRET!;\n}\nconst key = loadSecret();\n\nexport const user = (token: string) => jwt.verify(token, key);\n";
    const result = migrate(text);
    expect(result.text).toContain('export const user = (token: string) => validateToken(token);');
    expect(result.text).toContain('\nconst key = loadSecret();\n');
    expect(result.text).toContain('  // TODO(jwt-ssot): Reads the JWT secret JWT_SECRET outside the canonical module');
  });

  it('never removes a side-effect import, and leaves one blank line where a removal stood between two', () => {
    const text = [
      "import './polyfills';",
      "import jwt from 'jsonwebtoken';",
      '',
      'const secret = process.env.JWT_SECRET!;',
      '',
      'export const user = (token: string) => jwt.verify(token, secret);',
      '',
    ].join('\n');
    expect(migrate(text).text).toBe("import './polyfills';\nimport { validateToken } from './auth/jwt-handler';\n\nexport const user = (token: string) => validateToken(token);\n");
  });
});
