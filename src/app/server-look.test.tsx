import { cleanup, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { CAPABILITIES_PATH, type CapabilitiesData } from '../../contract/wire';
import { demoServer } from '../test/demo-server';
import { renderAppAt } from '../test/render-app';
import { useIdentity } from './identity';

// A Nextcloud whose admin named it and chose a light yellow: too light for white text.
const ACME: CapabilitiesData = {
  version: { major: 29, minor: 0, micro: 6, string: '29.0.6', edition: '' },
  capabilities: {
    spreed: { features: ['conversation-v4', 'conversation-permissions'], config: {}, version: '19.0.9' },
    theming: {
      name: 'ACME Cloud',
      color: '#ffe14d',
      'color-text': '#000000',
      logo: 'https://cloud.acme.example/index.php/apps/theming/image/logo?useSvg=1&v=4',
      'background-plain': true,
    },
  },
};

const rootProperty = (name: string) => document.documentElement.style.getPropertyValue(name);

beforeEach(() => {
  localStorage.clear();
  useIdentity.setState({ credentials: { account: 'alice', password: 'demo' }, user: null });
});

describe("the server's look", () => {
  it("names pages and the header after the server, shows its logo and paints with its colour", async () => {
    demoServer().failNext({ method: 'GET', path: CAPABILITIES_PATH }, { status: 200, data: ACME });
    renderAppAt('/');

    const home = await screen.findByRole('link', { name: 'ACME Cloud' });
    expect(home.querySelector('img')).toHaveAttribute('src', '/index.php/apps/theming/image/logo?useSvg=1&v=4');
    expect(home.querySelector('img')).toHaveAttribute('alt', '');
    await waitFor(() => expect(document.title).toBe('Conversations · ACME Cloud'));
    expect(rootProperty('--color-primary')).toBe('#ffe14d');
    expect(rootProperty('--color-primary-text')).toBe('#000000');
  });

  it('shows whose server it is on the sign-in page too', async () => {
    useIdentity.setState({ credentials: null, user: null });
    demoServer().failNext({ method: 'GET', path: CAPABILITIES_PATH }, { status: 200, data: ACME });
    renderAppAt('/login');

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('banner')).toHaveTextContent('ACME Cloud'));
    expect(document.title).toBe('Sign in · ACME Cloud');
  });

  it("keeps rollcall's own name and colours on a server without theming (the v1 seed server)", async () => {
    demoServer('v1');
    renderAppAt('/');

    expect(await screen.findByRole('heading', { name: 'Conversations' })).toBeInTheDocument();
    expect(document.title).toBe('Conversations · rollcall');
    const home = screen.getByRole('link', { name: 'rollcall' });
    expect(home.querySelector('img')).toBeNull();
    expect(rootProperty('--color-primary')).toBe('');
  });

  it('starts in the look the last page load read, and takes the current one once the capabilities answer', async () => {
    useIdentity.setState({ credentials: null, user: null });
    const server = demoServer();
    server.failNext({ method: 'GET', path: CAPABILITIES_PATH }, { status: 200, data: ACME });
    const first = renderAppAt('/login');
    await waitFor(() => expect(document.title).toBe('Sign in · ACME Cloud'));
    first.queryClient.clear();
    cleanup();

    // The admin has changed the look since: the next load starts in the remembered one, then follows the server.
    const capabilities = server.hold({ method: 'GET', path: CAPABILITIES_PATH });
    renderAppAt('/login');
    await capabilities.arrived;
    await waitFor(() => expect(rootProperty('--color-primary')).toBe('#ffe14d'));
    expect(screen.getByRole('banner')).toHaveTextContent('ACME Cloud');

    capabilities.release();
    await waitFor(() => expect(rootProperty('--color-primary')).toBe('#00679e'));
    expect(screen.getByRole('banner')).toHaveTextContent('rollcall');
  });
});
