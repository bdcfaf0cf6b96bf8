// Preloaded into the CLI by memory-bound.test.ts: prints the process's peak resident memory on exit.
process.on('exit', () => {
  require('node:fs').writeSync(2, `\njwt-ssot-test-max-rss-kb=${process.resourceUsage().maxRSS}\n`);
});
