// jwt-ssot settings for the golden-path example: src/auth_service/jwt-handler.ts is the single source of
// truth for JWT validation; every other file must call validateToken (or decodeToken for display).
import { fileURLToPath } from 'node:url';

// By package name when the plugin is installed next to the example; otherwise this repository's build
// (run `npm run build` at the repository root first).
async function loadPlugin() {
  try {
    return (await import('eslint-plugin-jwt-ssot')).default;
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    const built = fileURLToPath(new URL('../../dist/packages/plugin/main.js', import.meta.url));
    return (await import(built)).default;
  }
}

const jwtSsot = await loadPlugin();

export default [
  // The config itself imports the plugin by a computed path, which the plugin rightly cannot check.
  { ignores: ['node_modules/**', 'patches/**', 'eslint.config.mjs'] },
  jwtSsot.configs.recommended,
  {
    settings: {
      'jwt-ssot': {
        root: import.meta.dirname,
        canonical: {
          module: 'src/auth_service/jwt-handler.ts',
          exports: { verify: 'validateToken', decode: 'decodeToken' },
        },
        // The scenario forges tokens on purpose.
        allow: ['test/**'],
      },
    },
  },
];
