import { describe, expect, it } from 'vitest';
import { mightContainSites, readSettings } from '../../packages/engine/index.js';

const settings = readSettings({ 'jwt-ssot': { secretEnv: ['JWT_SECRET', '/^AUTH_.*_KEY$/'] } }, '/project');

describe('prefilter stages past the module names', () => {
  it('lets through what each kind of site needs', () => {
    expect(mightContainSites("const p = JSON.parse(atob(t.split('.')[1]));", settings)).toBe(true);
    expect(mightContainSites('const k = process.env.AUTH_SIGNING_KEY;', settings)).toBe(true);
    expect(mightContainSites("const k = process.env['JWT_' + 'SECRET'];", settings)).toBe(true);
    expect(mightContainSites('// checks the JWT\nconst lib = require(name);', settings)).toBe(true);
    expect(mightContainSites("const m = require('json' + 'webtoken');", settings)).toBe(true);
  });

  it('rules out look-alikes that only share a word', () => {
    expect(mightContainSites('const bytes = atob(payload);', settings)).toBe(false);
    expect(mightContainSites('const port = process.env.PORT;', settings)).toBe(false);
    expect(mightContainSites('// the JWT arrives in the header\nexport const x = 1;', settings)).toBe(false);
    expect(mightContainSites('const lib = require(name);', settings)).toBe(false);
  });
});
