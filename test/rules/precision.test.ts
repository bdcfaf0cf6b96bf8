/**
 * The classes of false alarm issue 12 removed, case by case: code that looks like JWT handling and is not
 * stays silent, and the closest real site next to it is still reported. (The corpus holds the mixed samples;
 * the cases here have no site at all, which a corpus sample may not.)
 */
import importBypass from '../../rules/no-auth-import-bypass.js';
import secretAccess from '../../rules/no-jwt-secret-access.js';
import unsafeOptions from '../../rules/no-unsafe-verify-options.js';
import { createRuleTester, file, testable } from '../rule-tester.js';

const ruleTester = createRuleTester();
const app = file('src/app.ts');
const canonical = file('src/auth/jwt-handler.ts');

ruleTester.run('no-auth-import-bypass: multi-purpose SDKs', testable(importBypass), {
  valid: [
    {
      name: 'firebase-admin for push and the database, in every import form',
      filename: file('src/notify.js'),
      code: `import admin from 'firebase-admin';
import { initializeApp, cert } from 'firebase-admin/app';
import { getFirestore } from 'firebase-admin/firestore';
const { getMessaging } = require('firebase-admin/messaging');
const app = initializeApp({ credential: cert(account) });
export const db = getFirestore(app);
export async function notify(deviceToken, title) {
  const { getStorage } = await import('firebase-admin/storage');
  await getMessaging(app).send({ token: deviceToken, notification: { title } });
  await admin.firestore().collection('sent').add({ title, at: getStorage(app).bucket().name });
  return admin.auth().createUser({ email: 'a@example.test' });
}
`,
    },
    {
      name: 'firebase-admin: the app handed out, not its Auth service',
      filename: file('src/lib/firebase.ts'),
      code: "import { initializeApp } from 'firebase-admin/app';\nexport const app = initializeApp();\nexport { getFirestore } from 'firebase-admin/firestore';\n",
    },
    {
      name: 'google-auth-library for a service account calling a Google API',
      filename: app,
      code: `import { GoogleAuth, JWT } from 'google-auth-library';
const auth = new GoogleAuth({ scopes: ['https://www.googleapis.com/auth/drive.readonly'] });
const robot = new JWT({ email: serviceEmail, key: serviceKey, scopes: ['https://www.googleapis.com/auth/calendar'] });
export const listFiles = async () => (await auth.getClient()).request({ url: 'https://www.googleapis.com/drive/v3/files' });
export const calendars = () => robot.request({ url: 'https://www.googleapis.com/calendar/v3/users/me/calendarList' });
`,
    },
  ],
  invalid: [
    {
      name: 'firebase-admin reaching verifyIdToken through initializeApp().auth()',
      filename: app,
      code: "import { initializeApp } from 'firebase-admin/app';\nconst app = initializeApp();\nexport const uidOf = async (t: string) => (await app.auth().verifyIdToken(t)).uid;\n",
      errors: [{ messageId: 'libraryImport', line: 1, column: 1, endLine: 1, endColumn: 52 }],
    },
    {
      name: 'firebase-admin re-exporting getAuth',
      filename: app,
      code: "export { getAuth } from 'firebase-admin/auth';\nexport * from 'firebase-admin';\n",
      errors: [
        { messageId: 'libraryImport', line: 1, column: 1, endLine: 1, endColumn: 47 },
        { messageId: 'libraryImport', line: 2, column: 1, endLine: 2, endColumn: 32 },
      ],
    },
    {
      name: 'google-auth-library reaching OAuth2Client#verifyIdToken through a dynamic import',
      filename: app,
      code: "const { OAuth2Client } = await import('google-auth-library');\nexport const ticket = (idToken: string) => new OAuth2Client().verifyIdToken({ idToken });\n",
      errors: [{ messageId: 'libraryImport', line: 1, column: 32, endLine: 1, endColumn: 61 }],
    },
  ],
});

ruleTester.run('no-auth-import-bypass: computed import()', testable(importBypass), {
  valid: [
    {
      name: 'plugin and theme loaders in a file that mentions JWTs',
      filename: app,
      code: `// The JWT middleware is registered elsewhere; these are UI plugins.
export async function load(names: string[], dir: string, locale: string) {
  for (const name of names) await import(\`./plugins/\${name}\`);
  await import(dir + '/theme.js');
  await import(\`../locales/\${locale}.json\`);
  return import(names[0]!);
}
`,
    },
    {
      name: 'a module name read from configuration, with no spelled-out text',
      filename: app,
      code: '// loads the JWT adapter the deployment names\nconst adapter = await import(process.env.ADAPTER!);\nconst other = await import(moduleName);\n',
    },
    {
      name: 'a constant table of non-JWT modules',
      filename: app,
      code: "// jwt-free renderers\nconst RENDERERS = ['marked', 'remark'] as const;\nexport const render = (i: 0 | 1) => import(RENDERERS[i]);\n",
    },
  ],
  invalid: [
    {
      name: 'a template whose spelled-out text forms a JWT library',
      filename: app,
      code: '// pick a JWT library\nexport const load = (flavour: string) => import(`@fastify/${flavour}`);\n',
      errors: [{ messageId: 'unanalysableModule', line: 2, column: 42, endLine: 2, endColumn: 71 }],
    },
    {
      name: 'a let variable whose assigned constants include a JWT library',
      filename: app,
      code: "// JWT loader\nlet name = 'marked';\nif (strict) name = 'jose';\nexport const lib = await import(name);\n",
      errors: [{ messageId: 'unanalysableModule', line: 4, column: 26, endLine: 4, endColumn: 38 }],
    },
  ],
});

ruleTester.run('no-auth-import-bypass: declarations and type positions', testable(importBypass), {
  valid: [
    {
      name: 'a .d.ts that augments jsonwebtoken and re-exports jose',
      filename: file('src/types/jsonwebtoken.d.ts'),
      code: `import 'jsonwebtoken';
import { JwtPayload } from 'jsonwebtoken';
export * from 'jose';
declare module 'jsonwebtoken' {
  export interface JwtPayload { tenant?: string }
}
export type Claims = JwtPayload & { role: string };
`,
    },
    {
      name: 'a .d.mts declaration file',
      filename: file('src/types/auth.d.mts'),
      code: "import { JWT } from 'next-auth/jwt';\nexport declare function roleOf(token: JWT): string;\n",
    },
    {
      name: 'declare module and declare global blocks in a source file',
      filename: app,
      code: `declare module 'next-auth/jwt' {
  import { DefaultJWT } from 'next-auth/jwt';
  export { getToken } from 'next-auth/jwt';
  interface JWT extends DefaultJWT { role: string }
}
declare global {
  import jwt = require('jsonwebtoken');
}
export {};
`,
    },
    {
      name: 'value imports read only in annotations and typeof queries',
      filename: app,
      code: `import { JWT } from 'next-auth/jwt';
import jwt, { JwtPayload } from 'jsonwebtoken';
export type Verify = typeof jwt.verify;
export const roleOf = (token: JWT, claims: JwtPayload): string => String(token.role ?? claims.role);
`,
    },
  ],
  invalid: [
    {
      name: 'a value import also read as a value',
      filename: app,
      code: "import { JWT, getToken } from 'next-auth/jwt';\nexport const read = (req: Request): Promise<JWT | null> => getToken({ req });\n",
      errors: [{ messageId: 'libraryImport', line: 1, column: 1, endLine: 1, endColumn: 47 }],
    },
    {
      name: 'a value import used only as types, with allowTypeImports turned off',
      filename: app,
      code: "import { JWT } from 'next-auth/jwt';\nexport const roleOf = (token: JWT) => token.role;\n",
      options: [{ allowTypeImports: false }],
      errors: [{ messageId: 'libraryImport', line: 1, column: 1, endLine: 1, endColumn: 37 }],
    },
  ],
});

ruleTester.run('no-jwt-secret-access: default secret names', testable(secretAccess), {
  valid: [
    {
      name: "other providers' secrets",
      filename: app,
      code: `const webhook = process.env.STRIPE_WEBHOOK_SIGNING_SECRET;
const cookie = process.env.COOKIE_SESSION_SECRET;
const twitter = process.env.TWITTER_ACCESS_TOKEN_SECRET;
const github = process.env.GITHUB_WEBHOOK_SIGNING_KEY;
const { EXPRESS_SESSION_SECRET } = process.env;
`,
    },
  ],
  invalid: [
    {
      name: 'JWT secrets and keys by their usual names',
      filename: app,
      code: 'const a = process.env.TOKEN_SECRET;\nconst b = process.env.ID_TOKEN_PUBLIC_KEY;\nconst c = process.env.JWKS_PRIVATE_KEY;\nconst d = process.env.TOKEN_SIGNING_KEY;\n',
      errors: [
        { messageId: 'secretAccess', line: 1, column: 11, endLine: 1, endColumn: 35 },
        { messageId: 'secretAccess', line: 2, column: 11, endLine: 2, endColumn: 42 },
        { messageId: 'secretAccess', line: 3, column: 11, endLine: 3, endColumn: 39 },
        { messageId: 'secretAccess', line: 4, column: 11, endLine: 4, endColumn: 40 },
      ],
    },
  ],
});

ruleTester.run('no-unsafe-verify-options: fallbacks that accept nothing', testable(unsafeOptions), {
  valid: [
    {
      name: 'a decode that only feeds a log line before the rethrow',
      filename: canonical,
      code: `import jwt from 'jsonwebtoken';
export function read(token: string) {
  try {
    return jwt.verify(token, key, { algorithms: ['HS256'] });
  } catch (error) {
    console.warn('rejected', jwt.decode(token));
    jwt.decode(token) && console.info('rejected a decodable token');
    const claims = jwt.decode(token) as { sub?: string };
    if (claims?.sub) log.info(\`rejected \${claims.sub}\`);
    throw new Error(\`token of \${jwt.decode(token)} rejected\`);
  }
}
`,
    },
    {
      name: "decodes in the success branches of verify callbacks",
      filename: canonical,
      code: `import jwt from 'jsonwebtoken';
export const a = (token: string, done: Function) => jwt.verify(token, key, { algorithms: ['HS256'] }, (err, payload) => {
  if (err) { done(err); return; }
  done(null, payload, jwt.decode(token, { complete: true }));
});
export const b = (token: string, done: Function) => jwt.verify(token, key, { algorithms: ['HS256'] }, (err) => {
  if (!err) done(null, jwt.decode(token));
  else done(err);
});
export const c = (token: string, done: Function) => jwt.verify(token, key, { algorithms: ['HS256'] }, (err) =>
  err != null ? done(err) : done(null, jwt.decode(token)));
`,
    },
    {
      name: 'a decode whose result is discarded',
      filename: canonical,
      code: "import jwt from 'jsonwebtoken';\nexport function read(token: string) {\n  try {\n    return jwt.verify(token, key, { algorithms: ['HS256'] });\n  } catch (error) {\n    jwt.decode(token);\n    throw error;\n  }\n}\n",
    },
  ],
  invalid: [
    {
      name: 'decoded claims logged, then returned',
      filename: canonical,
      code: `import jwt from 'jsonwebtoken';
export function read(token: string) {
  try {
    return jwt.verify(token, key, { algorithms: ['HS256'] });
  } catch {
    const claims = jwt.decode(token);
    console.warn('unverified', claims);
    return claims;
  }
}
`,
      errors: [{ messageId: 'fallbackDecode', line: 6, column: 20, endLine: 6, endColumn: 37 }],
    },
    {
      name: 'decoded claims guarding an acceptance with &&',
      filename: canonical,
      code: "import jwt from 'jsonwebtoken';\nexport function read(token: string, next: () => void) {\n  try {\n    jwt.verify(token, key, { algorithms: ['HS256'] });\n  } catch {\n    jwt.decode(token) && next();\n  }\n}\n",
      errors: [{ messageId: 'fallbackDecode', line: 6, column: 5, endLine: 6, endColumn: 22 }],
    },
    {
      name: 'decoded claims assigned outside the catch, passed on, or tested to accept',
      filename: canonical,
      code: `import jwt from 'jsonwebtoken';
export function read(token: string, next: Function) {
  let user;
  try {
    user = jwt.verify(token, key, { algorithms: ['HS256'] });
  } catch {
    user = jwt.decode(token);
  }
  jwt.verify(token, key, { algorithms: ['HS256'] }, (err, payload) => {
    if (err) return next(null, jwt.decode(token));
    next(null, payload);
  });
  try {
    return jwt.verify(token, key, { algorithms: ['HS256'] });
  } catch {
    if (jwt.decode(token)) return { guest: true };
    throw new Error('rejected');
  }
}
`,
      errors: [
        { messageId: 'fallbackDecode', line: 7, column: 12, endLine: 7, endColumn: 29 },
        { messageId: 'fallbackDecode', line: 10, column: 32, endLine: 10, endColumn: 49 },
        { messageId: 'fallbackDecode', line: 16, column: 9, endLine: 16, endColumn: 26 },
      ],
    },
  ],
});
