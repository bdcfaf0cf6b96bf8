/**
 * @fastify/jwt decorators in a file that does not register the plugin: counted only in a project whose
 * package.json depends on it, and only on a receiver named or annotated like a request or an instance.
 * The reported cases are corpus samples (test/fixtures/corpus.ts, under fastify-app/).
 */
import rule from '../../rules/no-direct-verify.js';
import { createRuleTester, file, testable } from '../rule-tester.js';

const ruleTester = createRuleTester();
const routes = file('fastify-app/src/routes/lookalikes.ts');

ruleTester.run('no-direct-verify (fastify decorators by dependency)', testable(rule), {
  valid: [
    {
      name: 'a project without the plugin: request.jwtVerify() and app.jwt.verify() are someone else’s',
      filename: file('src/routes/profile.ts'),
      code: "export async function routes(app) {\n  app.get('/me', async (request) => { await request.jwtVerify(); return app.jwt.verify(token); });\n}\n",
    },
    { name: 'a receiver named like neither a request nor an instance', filename: routes, code: 'export const check = (tokens, user) => [tokens.jwt.verify(t), user.jwtVerify()];\n' },
    {
      name: 'this in a class method is the class instance, not fastify',
      filename: routes,
      code: 'export class Store {\n  jwt = makeJwt();\n  read(t: string) {\n    return this.jwt.verify(t);\n  }\n}\n',
    },
    { name: 'this in a class field arrow', filename: routes, code: 'export class Store {\n  read = (t: string) => this.jwt.verify(t);\n}\n' },
    { name: 'an annotation of another type', filename: routes, code: 'export const check = (incoming: IncomingMessage) => incoming.jwtVerify();\n' },
  ],
  invalid: [
    {
      name: 'a receiver annotated FastifyInstance, under any name',
      filename: routes,
      code: "import type { FastifyInstance } from 'fastify';\nexport const check = (api: FastifyInstance, t: string) => api.jwt.verify(t);\n",
      errors: [{ messageId: 'directVerify', line: 2, column: 59, endLine: 2, endColumn: 76 }],
    },
    {
      name: 'this in a plain function handler, through an arrow',
      filename: routes,
      code: "export function plugin(instance, options, done) {\n  instance.get('/', function handler(request) {\n    return [request.body].map((body) => this.jwt.verify(body.token));\n  });\n  done();\n}\n",
      errors: [{ messageId: 'directVerify', line: 3, column: 41, endLine: 3, endColumn: 68 }],
    },
  ],
});
