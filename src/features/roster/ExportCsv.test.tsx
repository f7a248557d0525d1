import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { getConversation } from '../../lib/api';
import { demoServer } from '../../test/demo-server';
import { createTestServices, renderPage } from '../../test/render';
import { Roster } from './Roster';
import { bytesOf } from '../../test/blob';
import { giveTheRosterAViewport } from '../../test/roster-viewport';

giveTheRosterAViewport();

/** What the browser was handed to download: the file's bytes and the name the link gave it. */
function captureDownloads() {
  const blobs: Blob[] = [];
  const names: string[] = [];
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    blobs.push(blob as Blob);
    return `blob:http://localhost/${blobs.length}`;
  });
  const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  // jsdom cannot navigate to a blob: the click is where the browser would start the download.
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    names.push(this.download);
  });
  return { blobs, names, revoke };
}

async function renderRoster(token: string, account: string) {
  const services = createTestServices({ account, password: 'demo' });
  const conversation = await getConversation(services.talkClient, token);
  return renderPage(<Roster conversation={conversation} viewerId={account} />, { services });
}

describe('Export CSV', () => {
  it('downloads the rows the search shows, as UTF-8 CSV with a byte order mark, named after the conversation', async () => {
    demoServer();
    const downloads = captureDownloads();
    await renderRoster('officehours', 'bob');
    const user = userEvent.setup();
    await screen.findByText('7 participants');

    await user.type(screen.getByRole('searchbox', { name: 'Search participants' }), 'e');
    await screen.findByText(/^\d+ of 7 participants$/);
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));

    expect(await screen.findByText(/^Exported \d participants to Open office hours-participants\.csv\.$/)).toBeInTheDocument();
    expect(downloads.names).toEqual(['Open office hours-participants.csv']);
    const [blob] = downloads.blobs;
    expect(blob?.type).toBe('text/csv;charset=utf-8');
    const bytes = await bytesOf(blob!);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1).split('\r\n');
    expect(lines[0]).toBe('name,role,type,account or email,online,in call,permissions');
    // Everyone shown has an "e" in their name or address (v4: with what they may do); Bob does not.
    const everyoneButSkipTheLobby = 'Start a call; Join a call; Publish audio; Publish video; Share the screen; Send messages';
    expect(lines).toContain(`Eve,Member,user,eve,no,no,${everyoneButSkipTheLobby}`);
    expect(lines).toContain(`Gina (guest),Guest,guest,,yes,yes,${everyoneButSkipTheLobby}`);
    expect(lines).toContain(`frank@example.org,Guest,email,frank@example.org,no,no,${everyoneButSkipTheLobby}`);
    expect(lines.some((line) => line.startsWith('Bob,'))).toBe(false);
    const shown = Number(/(\d+) of 7/.exec(screen.getByText(/^\d+ of 7 participants$/).textContent ?? '')?.[1]);
    // The header, one line per row shown, and the empty string after the last CRLF.
    expect(lines).toHaveLength(shown + 2);
    expect(lines.at(-1)).toBe('');
    await vi.waitFor(() => expect(downloads.revoke).toHaveBeenCalledWith('blob:http://localhost/1'), { timeout: 5_000 });
  });
});
