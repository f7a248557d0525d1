import fs from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import pluginQuery from '@tanstack/eslint-plugin-query';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';
import globals from 'globals';

const ROOT = import.meta.dirname;
/** Every folder of src/features is a feature, so a new one is walled in without touching this file. */
const FEATURES = fs
  .readdirSync(path.join(ROOT, 'src/features'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
/** The rule matches an `except` glob against the absolute path of the imported file, so these are absolute. */
const absolute = (glob) => path.join(ROOT, glob);

/**
 * The walls between the parts of the repository, checked on the file an import resolves to (so `../../x`,
 * `./x/index`, `import()` and `export … from` are all caught, whatever path spells them).
 */
const WALLS = [
  // Features do not know each other: src/app composes them; what two features share belongs in src/lib or components/ui.
  ...FEATURES.map((feature) => ({
    target: `src/features/${feature}`,
    from: 'src/features',
    except: [`./${feature}`],
    message: 'A feature does not import another feature: src/app composes them; shared code goes to src/lib or src/components/ui.',
  })),
  // src/app may import features; the other way round would make a feature depend on the page that composes it.
  {
    target: 'src/features',
    from: 'src/app',
    message: 'A feature does not import src/app: the app composes features, not the other way round.',
  },
  // The UI kit is reused by every feature, so it cannot know any of them, nor the app.
  {
    target: 'src/components/ui',
    from: ['src/features', 'src/app'],
    message: 'src/components/ui is shared by every feature: it imports no feature and not src/app.',
  },
  // src/lib is the layer below the views: nothing in it may depend on what is drawn, nor on who uses it.
  {
    target: 'src/lib',
    from: ['src/components', 'src/features', 'src/app'],
    message: 'src/lib is below the views: it imports no component, feature or src/app.',
  },
  // …and no React view anywhere else either (src/test's render helpers are test tooling, not views).
  {
    target: 'src/lib',
    from: ['src/**/*.tsx'],
    except: [absolute('src/lib/**'), absolute('src/test/**')],
    message: 'src/lib is below the views: it imports no React view (.tsx) from outside src/lib.',
  },
  // The demo server shares only the wire contract with the client; anything else would ship client code in the server.
  {
    target: 'server',
    from: '.',
    except: ['./server', './contract', './node_modules'],
    message: 'The demo server imports only server/, contract/ and packages: the wire contract is all it shares with the client.',
  },
  // The wire contract is what both sides import as equals, so it can depend on neither of them (nor on anything else).
  {
    target: 'contract',
    from: '.',
    except: ['./contract'],
    message: 'contract/ imports nothing but itself: both the client and the server depend on it.',
  },
  // bench/ runs in Node; it uses a feature through what the feature publishes, never through its internals.
  {
    target: 'bench',
    from: ['src/features/**'],
    except: [absolute('src/features/*/index.ts'), absolute('src/features/*/headless.ts')],
    message:
      "bench/ imports a feature only through its public entry: index.ts, or headless.ts for what Node can load without React.",
  },
  // A headless entry exists to be loaded by Node without a bundler: no React view, no stylesheet.
  {
    target: 'src/features/*/headless.ts',
    from: ['src/**/*.tsx', 'src/**/*.css'],
    message: 'A headless.ts entry is loaded by Node (bench/): it imports no React view (.tsx) and no stylesheet.',
  },
  // Journeys drive the app through the browser as a user does; reaching into src/ would test the code, not the app.
  {
    target: 'e2e',
    from: 'src',
    message: 'e2e/ drives the app through the browser: it does not import src/.',
  },
];

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
    // Plain scripts that run in a page as they are: the one put into index.html before the app, and the bench's floor page.
    files: ['src/lib/api/early-roster.js', 'bench/floor/floor.js'],
    languageOptions: { globals: globals.browser, sourceType: 'script' },
  },
  {
    files: ['server/**/*.ts', 'scripts/**/*.{js,mjs,ts}', 'e2e/**/*.ts', 'bench/**/*.{ts,mjs}', '*.config.{js,ts}'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.{js,mjs,ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      // Imports here are extensionless paths to .ts/.tsx files (tsconfig's "bundler" resolution), and packages.
      'import-x/resolver-next': [
        createNodeResolver({
          extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs', '.json', '.node'],
          extensionAlias: { '.js': ['.ts', '.tsx', '.js'] },
        }),
      ],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: ROOT, zones: WALLS }],
      // The walls see only imports that resolve: one that does not would pass through them unchecked. The compiled
      // catalogues are a Vite virtual module (scripts/compiled-messages.ts), made from src/locales at build time.
      'import-x/no-unresolved': ['error', { ignore: ['^virtual:rollcall-messages/'] }],
    },
  },
  {
    files: ['contract/**/*.ts'],
    rules: {
      // The walls above see files; a package or a Node built-in is not one, so the contract is kept free of those here.
      'no-restricted-imports': ['error', { patterns: [{ regex: '^[^.]', message: 'contract/ imports nothing but itself.' }] }],
    },
  },
  {
    // The contract's own tests ship with neither side: they may import their test runner.
    files: ['contract/**/*.test.ts'],
    rules: {
      'no-restricted-imports': 'off',
      'import-x/no-restricted-paths': ['error', { basePath: ROOT, zones: WALLS.filter((wall) => wall.target !== 'contract') }],
    },
  },
);
