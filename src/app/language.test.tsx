import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { demoServer } from '../test/demo-server';
import { renderAppAt } from '../test/render-app';
import { useIdentity } from './identity';

beforeEach(() => {
  demoServer();
  useIdentity.setState({ credentials: { account: 'alice', password: 'demo' } });
});

describe('the language chooser', () => {
  it('switches the page to German and back, and remembers the choice', async () => {
    renderAppAt('/no-such-page');
    const user = userEvent.setup();
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByRole('option', { name: 'Deutsch' })).toHaveAttribute('lang', 'de');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'Deutsch');

    expect(await screen.findByRole('heading', { name: 'Seite nicht gefunden' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Abmelden' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Zurück zu den Unterhaltungen' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('de');
    expect(localStorage.getItem('rollcall.locale')).toBe('de');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Sprache' }), 'English');

    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('rollcall.locale')).toBe('en');
  });
});
