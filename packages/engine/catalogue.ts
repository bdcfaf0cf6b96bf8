/** Kept so that `./catalogue.js` imports (settings.ts) resolve; the catalogue lives in catalogue/. */
export * from './catalogue/index.js';
