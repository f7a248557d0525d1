import '@testing-library/jest-dom/vitest';
import './jsdom-polyfills';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => {
  cleanup();
  sessionStorage.clear();
});
