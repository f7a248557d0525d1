import '@testing-library/jest-dom/vitest';
import './jsdom-polyfills';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';
import { useNotices } from '../lib/notices';
import { activateLocale } from '../lib/i18n';

// findBy… waits up to 5 s rather than 1 s: lazy chunks and menus settle slowly on a loaded 2-core CI machine.
configure({ asyncUtilTimeout: 5000 });

afterEach(async () => {
  cleanup();
  // Unit tests read English, the UI contract's language; a test that switched to German switches back.
  await activateLocale('en');
  sessionStorage.clear();
  // The API generation the app remembers between page loads: each test's server may speak another one.
  localStorage.clear();
  // Notices live in a module-wide store, like the app's; each test starts without any.
  useNotices.setState({ notices: [] });
});
