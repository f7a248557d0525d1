/**
 * The walls of eslint.config.js, proved on the real configuration: each snippet is linted as if it were a file at
 * that path of this repository (the file need not exist; the files it imports do), so the import resolves
 * exactly as it would in `npm run lint`.
 */
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';

const ROOT = import.meta.dirname;
const eslint = new ESLint({ cwd: ROOT });

const WALL = 'import-x/no-restricted-paths';
/** Rules whose silence means "this import is allowed": a wall, or a resolution failure that would hide one. */
const IMPORT_RULES = new Set([WALL, 'import-x/no-unresolved', 'no-restricted-imports']);

async function importProblems(file: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result!.messages.filter((message) => message.fatal || IMPORT_RULES.has(message.ruleId ?? ''));
}

type Case = [file: string, code: string];

function forbidden(rule: string, cases: Case[]) {
  it.each(cases)('%s: %s is an error', async (file, code) => {
    const problems = await importProblems(file, code);
    expect(problems).toContainEqual(expect.objectContaining({ ruleId: rule, severity: 2, line: 1 }));
  });
}

function allowed(cases: Case[]) {
  it.each(cases)('%s: %s is allowed', async (file, code) => {
    expect(await importProblems(file, code)).toEqual([]);
  });
}

describe('a feature does not import another feature, by any path', () => {
  forbidden(WALL, [
    ['src/features/rooms/probe.ts', "import '../roster';"],
    ['src/features/rooms/probe.ts', "import { searchable } from '../roster/roster-rows';\nexport { searchable };"],
    ['src/features/rooms/probe.ts', "import type { RosterProps } from '../../features/roster/Roster';\nexport type { RosterProps };"],
    ['src/features/rooms/probe.ts', "export * from '../join/index';"],
    ['src/features/roster/probe.tsx', "export const page = () => import('../auth/LoginPage');"],
    ['src/features/join/probe.test.tsx', "import '../rooms/refusals';"],
  ]);
  allowed([
    ['src/features/rooms/probe.ts', "import './refusals';"],
    ['src/features/rooms/probe.ts', "import '../rooms/queries';"],
    ['src/features/rooms/probe.ts', "import '../../lib/api';"],
    ['src/features/rooms/probe.tsx', "import '../../components/ui';"],
    ['src/features/roster/probe.test.tsx', "import '../../test/render';"],
  ]);
});

describe('features do not import src/app; src/app composes features', () => {
  forbidden(WALL, [['src/features/join/probe.ts', "import '../../app/errors';"]]);
  allowed([
    ['src/app/probe.tsx', "import '../features/roster';"],
    ['src/app/probe.tsx', "import '../features/rooms/refusals';"],
  ]);
});

describe('src/components/ui imports no feature and not src/app', () => {
  forbidden(WALL, [
    ['src/components/ui/probe.tsx', "import '../../features/rooms';"],
    ['src/components/ui/probe.tsx', "import '../../features/roster/RosterList';"],
    ['src/components/ui/probe.tsx', "import '../../app/errors';"],
  ]);
  allowed([
    ['src/components/ui/probe.tsx', "import './Dialog';"],
    ['src/components/ui/probe.tsx', "import '../../lib/labels';"],
  ]);
});

describe('src/lib imports no React view, feature or src/app', () => {
  forbidden(WALL, [
    ['src/lib/api/probe.ts', "import '../../components/ui';"],
    ['src/lib/api/probe.ts', "import '../../components/ui/Switch';"],
    ['src/lib/probe.ts', "import './../features/roster/roster-rows';"],
    ['src/lib/api/probe.ts', "import '../../app/query-client';"],
    // A view outside the folders above: the rule is about .tsx, not only about named folders.
    ['src/lib/probe.ts', "import '../main';"],
  ]);
  allowed([
    ['src/lib/api/probe.ts', "import './errors';"],
    ['src/lib/api/probe.ts', "import '../../../contract/wire';"],
    ['src/lib/api/probe.ts', "import '../describe-error';"],
    ['src/lib/api/probe.test.ts', "import '../../test/ocs';"],
  ]);
});

describe('the demo server imports nothing of the client but the wire contract', () => {
  forbidden(WALL, [
    ['server/talk/probe.ts', "import '../../src/lib/api';"],
    ['server/talk/probe.ts', "import '../../src/lib/api/errors';"],
    ['server/probe.ts', "import '../src/features/roster/headless';"],
    ['server/probe.ts', "import '../e2e/chromium';"],
    ['server/probe.ts', "import '../vite.config';"],
  ]);
  allowed([
    ['server/talk/probe.ts', "import '../../contract/wire';"],
    ['server/talk/probe.ts', "import '../db/schema';"],
    ['server/probe.ts', "import 'hono';"],
    ['server/probe.ts', "import 'node:path';"],
  ]);
});

describe('bench/ imports a feature only through its public entry', () => {
  forbidden(WALL, [
    ['bench/probe.ts', "import '../src/features/roster/roster-rows';"],
    ['bench/probe.ts', "import '../src/features/roster/roster-search';"],
    ['bench/probe.ts', "import '../src/features/rooms/conversation-rows';"],
  ]);
  allowed([
    ['bench/probe.ts', "import '../src/features/roster/headless';"],
    ['bench/probe.ts', "import '../src/features/roster';"],
    ['bench/probe.ts', "import '../src/features/rooms/index';"],
    ['bench/probe.ts', "import '../server/db/seed';"],
    ['bench/probe.ts', "import '../e2e/chromium';"],
  ]);
});

describe("a feature's headless.ts stays loadable by Node: no React view, no stylesheet", () => {
  forbidden(WALL, [
    ['src/features/roster/headless.ts', "export { Roster } from './Roster';"],
    ['src/features/roster/headless.ts', "import './roster.css';"],
  ]);
  allowed([['src/features/roster/headless.ts', "export { searchable } from './roster-rows';"]]);
});

describe('contract/ imports nothing but itself', () => {
  forbidden(WALL, [
    ['contract/probe.ts', "import '../src/lib/api';"],
    ['contract/probe.ts', "import '../server/talk/model';"],
  ]);
  // A package or a Node built-in is not a file of the repository: the core rule keeps those out.
  forbidden('no-restricted-imports', [
    ['contract/probe.ts', "import 'node:fs';"],
    ['contract/probe.ts', "import type { Hono } from 'hono';\nexport type { Hono };"],
  ]);
  allowed([
    ['contract/probe.ts', "import './wire';"],
    ['contract/probe.ts', "import type { components } from './generated/talk-v4';\nexport type { components };"],
  ]);
});

describe('e2e/ drives the app through the browser and imports nothing of src/', () => {
  forbidden(WALL, [
    ['e2e/probe.spec.ts', "import '../src/lib/api';"],
    ['e2e/probe.spec.ts', "import '../src/features/roster/headless';"],
  ]);
  allowed([
    ['e2e/probe.spec.ts', "import './fixtures';"],
    ['e2e/probe.spec.ts', "import '../contract/wire';"],
  ]);
});

describe('an import the walls cannot resolve is an error, not a way around them', () => {
  forbidden('import-x/no-unresolved', [['src/features/rooms/probe.ts', "import '../roster/no-such-module';"]]);
});
