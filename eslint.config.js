import { defineConfig } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import pluginQuery from '@tanstack/eslint-plugin-query';
import globals from 'globals';

export default defineConfig(
  {
    ignores: ['dist', 'node_modules', 'contract/generated', 'test-results', 'playwright-report', 'data'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['src/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended, jsxA11y.flatConfigs.recommended, pluginQuery.configs['flat/recommended']],
    languageOptions: { globals: globals.browser },
    rules: {
      // The Talk client is how a query fetches, not what it fetches: it never belongs in a query key.
      '@tanstack/query/exhaustive-deps': ['error', { allowlist: { types: ['TalkClient'] } }],
    },
  },
  {
    files: ['server/**/*.ts', 'scripts/**/*.{js,mjs,ts}', 'e2e/**/*.ts', 'bench/**/*.{ts,mjs}', '*.config.{js,ts}'],
    languageOptions: { globals: globals.node },
  },
);
