/**
 * Typed linting: with a program, barrels and local modules that re-export a library function resolve to
 * the library symbol (test/fixtures/typed, real jsonwebtoken typings). Without one they are invisible.
 */
import rule from '../../rules/no-direct-verify.js';
import decodeRule from '../../rules/no-direct-decode.js';
import { FIXTURES, createRuleTester, file, testable } from '../rule-tester.js';
import path from 'node:path';

const TYPED = path.join(FIXTURES, 'typed');
const consumerPath = file('typed/consumer.ts');

const CONSUMER = [
  "import { checkJwt, peekJwt } from './barrel.js';",
  "import { deepCheck, checkJwt as viaStar } from './barrel-deep.js';",
  "import { check, peek } from './local.js';",
  "import * as barrel from './barrel.js';",
  "checkJwt('t', 'key');",
  "deepCheck('t', 'key');",
  "viaStar('t', 'key');",
  "check('t', 'key');",
  "barrel.checkJwt('t', 'key');",
  "peekJwt('t');",
  "peek('t');",
  '',
].join('\n');

const LOOKALIKES = "import { verify, decode } from './helpers.js';\nverify('t');\ndecode('t');\nconst local = { checkJwt: (t: string) => t };\nlocal.checkJwt('t');\n";

const typedProject = createRuleTester({ projectService: false, project: './tsconfig.json', tsconfigRootDir: TYPED });
const typedService = createRuleTester({ projectService: true, tsconfigRootDir: TYPED });
const untyped = createRuleTester();

const LINES = CONSUMER.split('\n');

/** The consumer after the suggestion: the canonical import after the last import, the call replaced. */
function suggested(line: number, name: string): string {
  const lines = LINES.map((text, index) => (index === line - 1 ? `${name}('t');` : text));
  lines.splice(4, 0, `import { ${name} } from '../src/auth/jwt-handler.js';`);
  return lines.join('\n');
}

function siteError(messageId: 'directVerify' | 'directDecode', line: number) {
  const canonical = messageId === 'directVerify' ? 'validateToken' : 'decodeToken';
  return {
    messageId,
    line,
    column: 1,
    endLine: line,
    endColumn: LINES[line - 1]!.length,
    suggestions: [
      // A literal key is not provably the canonical module's: the verify suggestion says to check it.
      { messageId: messageId === 'directVerify' ? 'useCanonicalVerifyAfterCheck' : 'useCanonicalDecode', output: suggested(line, canonical) },
    ],
  } as const;
}

describeTyped();

function describeTyped(): void {
  // With `project`, the RuleTester resolves a filename against tsconfigRootDir; the project service takes it as is.
  for (const [label, tester, consumer] of [
    ['project', typedProject, 'consumer.ts'],
    ['projectService', typedService, consumerPath],
  ] as const) {
    tester.run(`no-direct-verify (typed: ${label})`, testable(rule), {
      valid: [{ name: 'local look-alikes stay quiet with types', filename: consumer, code: LOOKALIKES }],
      invalid: [
        {
          name: 'barrels, a two-level barrel, export *, a local module and a namespace of a barrel',
          filename: consumer,
          code: CONSUMER,
          errors: [5, 6, 7, 8, 9].map((line) => siteError('directVerify', line)),
        },
      ],
    });
    tester.run(`no-direct-decode (typed: ${label})`, testable(decodeRule), {
      valid: [{ name: 'local look-alikes stay quiet with types', filename: consumer, code: LOOKALIKES }],
      invalid: [
        {
          name: 'a renamed decode from a barrel and from a local module',
          filename: consumer,
          code: CONSUMER,
          errors: [siteError('directDecode', 10), siteError('directDecode', 11)],
        },
      ],
    });
  }
}

untyped.run('no-direct-verify (untyped: barrels are invisible)', testable(rule), {
  valid: [{ name: 'the same consumer without type information', filename: consumerPath, code: CONSUMER }],
  invalid: [],
});
