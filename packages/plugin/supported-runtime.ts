// Imported first by the plugin and the codemod: refuse an unsupported TypeScript or ESLint in one line
// before the parser stack loads and crashes on it (see engine/requirements.ts).
import { assertSupportedRuntime } from '../engine/requirements.js';

assertSupportedRuntime({ eslint: true });
