/** Preloaded into the CLI (`node --require`) by memory-bound.test.ts: prints the peak resident memory on exit. */
/* eslint-disable @typescript-eslint/no-require-imports -- a --require preload is plain CommonJS */
'use strict';
const fs = require('node:fs');

process.on('exit', () => {
  fs.writeSync(2, `\njwt-ssot-test-max-rss-kb=${process.resourceUsage().maxRSS}\n`);
});
