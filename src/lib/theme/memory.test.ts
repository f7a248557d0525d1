import { describe, expect, it } from 'vitest';
import { recallServerTheme, rememberServerTheme } from './memory';
import type { ServerTheme } from './theming';

function storage() {
  const items = new Map<string, string>();
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) };
}

const ACME: ServerTheme = { name: 'ACME Cloud', colour: '#ffe14d', textColour: '#000000', logoUrl: '/core/img/logo/logo.svg?v=1' };

describe('the remembered theme', () => {
  it('comes back as it was kept; a server without a theme is remembered as none', () => {
    const kept = storage();
    rememberServerTheme(kept, ACME);
    expect(recallServerTheme(kept)).toEqual(ACME);
    rememberServerTheme(kept, null);
    expect(recallServerTheme(kept)).toBeUndefined();
  });

  it.each([
    ['a logo on another origin', { ...ACME, logoUrl: '//elsewhere.example/logo.svg' }],
    ['a colour that is not #rrggbb', { ...ACME, colour: 'red' }],
    ['an empty name', { ...ACME, name: ' ' }],
  ])('is forgotten when it holds %s', (_, theme) => {
    const kept = storage();
    kept.setItem('rollcall.server-theme', JSON.stringify(theme));
    expect(recallServerTheme(kept)).toBeUndefined();
  });

  it('is nothing where there is no storage or it holds no JSON', () => {
    expect(recallServerTheme(undefined)).toBeUndefined();
    const kept = storage();
    kept.setItem('rollcall.server-theme', '{');
    expect(recallServerTheme(kept)).toBeUndefined();
  });
});
