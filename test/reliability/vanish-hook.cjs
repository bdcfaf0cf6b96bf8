/**
 * Preloaded into the CLI (`node --require`) by the bad-input suite: deletes the file named by
 * BAD_INPUT_VANISH the first time the CLI touches it after listing its folder, so the file really is
 * gone between "listed" and "read", as when a build step or an editor removes it mid-run. No seam in
 * the product: only `fs` is wrapped, in the child process.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- a --require preload is plain CommonJS */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const victim = process.env.BAD_INPUT_VANISH;
if (victim) {
  let listed = false;
  let gone = false;
  const readdirSync = fs.readdirSync;
  fs.readdirSync = function (dir, ...rest) {
    if (path.resolve(String(dir)) === path.dirname(victim)) listed = true;
    return readdirSync.call(this, dir, ...rest);
  };
  for (const name of ['statSync', 'lstatSync', 'readFileSync', 'openSync']) {
    const original = fs[name];
    fs[name] = function (file, ...rest) {
      if (listed && !gone && typeof file === 'string' && path.resolve(file) === victim) {
        gone = true;
        fs.unlinkSync(victim);
      }
      return original.call(this, file, ...rest);
    };
  }
}
