// The package entry: `module.exports = plugin`, so that both `import jwtSsot from 'eslint-plugin-jwt-ssot'`
// (Node's ESM-from-CommonJS default) and `require()` give the plugin object itself.
import './supported-runtime.js';
import plugin from './index.js';

export = plugin;
