/**
 * URL and registry specifiers name the library they serve: Deno's registry, JSR, npm:, and the CDNs that
 * serve npm packages, with their versions, build folders and entry files stripped.
 */
import { describe, expect, it } from 'vitest';
import { LIBRARIES, LibraryIndex, normaliseSpecifier } from '../../packages/engine/index.js';

const index = new LibraryIndex(LIBRARIES);

describe('URL and registry specifiers', () => {
  const named: Array<[string, string]> = [
    ['https://deno.land/x/djwt@v3.0.2/mod.ts', 'djwt'],
    ['https://deno.land/x/djwt/mod.ts', 'djwt'],
    ['jsr:@zaubrik/djwt', 'djwt'],
    ['jsr:@zaubrik/djwt@^3.0.2', 'djwt'],
    ['jsr:@panva/jose@6', 'jose'],
    ['npm:jsonwebtoken@9', 'jsonwebtoken'],
    ['npm:@fastify/jwt@9', '@fastify/jwt'],
    ['https://esm.sh/jose@5', 'jose'],
    ['https://esm.sh/v135/jose@5.2.0/es2022/jose.mjs', 'jose'],
    ['https://esm.sh/jsonwebtoken@9?target=deno', 'jsonwebtoken'],
    ['https://cdn.skypack.dev/jose', 'jose'],
    ['https://unpkg.com/jose', 'jose'],
    ['https://unpkg.com/jwt-decode@4/build/esm/index.js', 'jwt-decode'],
    ['https://cdn.jsdelivr.net/npm/jose@5/+esm', 'jose'],
    ['https://ga.jspm.io/npm:jose@5.2.0/dist/browser/index.js', 'jose'],
  ];
  for (const [specifier, library] of named) {
    it(`${specifier} is ${library}`, () => {
      expect(index.find(specifier)?.name).toBe(library);
    });
  }

  const others = [
    'https://deno.land/x/djwt_helpers@v1/mod.ts',
    'https://esm.sh/josex@1',
    'jsr:@std/jsonc',
    'https://deno.land/std@0.224.0/encoding/base64url.ts',
    './jose/index.ts',
  ];
  for (const specifier of others) {
    it(`${specifier} is no JWT library`, () => {
      expect(index.find(specifier)).toBeUndefined();
    });
  }

  it('strips the entry file only from URL and registry forms', () => {
    expect(normaliseSpecifier('https://deno.land/x/djwt@v3.0.2/mod.ts')).toBe('djwt');
    expect(normaliseSpecifier('jose/index.js')).toBe('jose/index.js');
  });
});
