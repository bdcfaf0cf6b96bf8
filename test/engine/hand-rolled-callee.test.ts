import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile, parseFile, readSettings } from '../../packages/engine/index.js';
import { FIXTURES, settingsWith } from '../rule-tester.js';

function handRolled(code: string): string[] {
  const settings = readSettings(settingsWith(), FIXTURES);
  const file = path.join(FIXTURES, 'src/hand-rolled.ts');
  const { ast, scopeManager } = parseFile(file, code);
  return analyzeFile({ ast, scopeManager, filename: file, text: code, settings })
    .calls.filter((site) => site.library === 'hand-rolled')
    .map((site) => site.api);
}

// Member calls are ruled out by their last name before any scope lookup; what a decoder path ends in
// (past `default`) must still be found, however the module is bound.
describe('hand-rolled decoding: package decoders by their callee', () => {
  it('finds decoders reached through default, a namespace and a renamed import', () => {
    const code = [
      "import b64 from 'base64url';",
      "import * as js from 'js-base64';",
      "import { decode as fromSegment } from 'base64url';",
      "export const a = (t: string) => b64.default.decode(t.split('.')[1]);",
      "export const b = (t: string) => js.Base64.decode(t.split('.')[1]);",
      "export const c = (t: string) => fromSegment(t.split('.')[1]);",
      '',
    ].join('\n');
    expect(handRolled(code)).toEqual(['base64url decode', 'js-base64 Base64.decode', 'base64url decode']);
  });

  it('ignores other members of the same packages', () => {
    const code = ["import b64 from 'base64url';", "export const a = (t: string) => b64.encode(t.split('.')[1]);", ''].join('\n');
    expect(handRolled(code)).toEqual([]);
  });
});
