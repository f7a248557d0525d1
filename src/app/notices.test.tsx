import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UNDO_NOTICE_MS, pushNotice, useNotices, type UndoAction } from '../lib/notices';
import { Notices } from './notices';

function undoAction(run: () => Promise<void>, doneMessage = 'Bob is a member again.'): UndoAction {
  return { run, doneMessage, describeFailure: () => 'Bob could not be made a member again: This participant has already left.' };
}

/** A page with something to come back to, and the notices. */
function renderNotices() {
  render(
    <>
      <main tabIndex={-1}>
        <button type="button">Actions for Bob</button>
      </main>
      <Notices />
    </>,
  );
  return screen.getByRole('status', { name: 'Notices' });
}

beforeEach(() => {
  useNotices.setState({ notices: [] });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('Notices', () => {
  it('announces each notice in one live region that is there before any notice', async () => {
    const region = renderNotices();
    expect(region).toBeEmptyDOMElement();
    act(() => void pushNotice({ message: 'Bob is now a moderator.', undo: undoAction(async () => undefined) }));
    act(() => void pushNotice({ message: 'Grace was removed from the conversation.' }));

    expect(region).toHaveTextContent('Bob is now a moderator.');
    expect(region).toHaveTextContent('Grace was removed from the conversation.');
    // Only the notice that can be undone offers it.
    expect(within(region).getAllByRole('button', { name: 'Undo' })).toHaveLength(1);
  });

  it('undoes with progress in words, then says it is done; a refusal is said in words', async () => {
    const region = renderNotices();
    const user = userEvent.setup();
    let finish = () => {};
    act(() => void pushNotice({ message: 'Bob is now a moderator.', undo: undoAction(() => new Promise((resolve) => (finish = resolve))) }));

    await user.click(within(region).getByRole('button', { name: 'Undo' }));
    expect(region).toHaveTextContent('Undoing: Bob is now a moderator.');
    expect(within(region).getByRole('button', { name: 'Undo' })).toHaveAttribute('aria-disabled', 'true');
    act(() => finish());
    expect(await within(region).findByText('Bob is a member again.')).toBeInTheDocument();
    expect(within(region).queryByRole('button', { name: 'Undo' })).not.toBeInTheDocument();

    act(() => void pushNotice({ message: 'Eve is now a moderator.', undo: undoAction(() => Promise.reject(new Error('404'))) }));
    await user.click(within(region).getByRole('button', { name: 'Undo' }));
    expect(
      await within(region).findByText('Bob could not be made a member again: This participant has already left.'),
    ).toBeInTheDocument();
  });

  it('keeps a notice with Undo 15 s, and as long as the focus is in it', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const region = renderNotices();
    act(() => void pushNotice({ message: 'Bob is now a moderator.', undo: undoAction(async () => undefined) }));
    act(() => void pushNotice({ message: 'Eve is now a moderator.', undo: undoAction(async () => undefined) }));

    act(() => vi.advanceTimersByTime(UNDO_NOTICE_MS - 1_000));
    expect(region).toHaveTextContent('Bob is now a moderator.');

    // The person tabs to the second notice's Undo and stays there.
    act(() => within(region).getAllByRole('button', { name: 'Undo' })[1]!.focus());
    act(() => vi.advanceTimersByTime(60_000));
    expect(region).not.toHaveTextContent('Bob is now a moderator.');
    expect(region).toHaveTextContent('Eve is now a moderator.');

    // Once they leave, it stays another full stretch before it goes.
    act(() => screen.getByRole('button', { name: 'Actions for Bob' }).focus());
    act(() => vi.advanceTimersByTime(UNDO_NOTICE_MS - 1_000));
    expect(region).toHaveTextContent('Eve is now a moderator.');
    act(() => vi.advanceTimersByTime(1_000));
    expect(region).toBeEmptyDOMElement();
  });

  it('keeps a notice while the pointer is on it', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const region = renderNotices();
    act(() => void pushNotice({ message: 'Bob is now a moderator.', undo: undoAction(async () => undefined) }));
    // userEvent waits on timers of its own, which fake timers would hold forever.
    fireEvent.pointerEnter(within(region).getByText('Bob is now a moderator.'));
    act(() => vi.advanceTimersByTime(60_000));
    expect(region).toHaveTextContent('Bob is now a moderator.');
    fireEvent.pointerLeave(within(region).getByText('Bob is now a moderator.'));
    act(() => vi.advanceTimersByTime(UNDO_NOTICE_MS));
    expect(region).toBeEmptyDOMElement();
  });

  it('does not drop the focus when what had it goes: to the same notice, the next one, then back where it came from', async () => {
    const region = renderNotices();
    const user = userEvent.setup();
    const actions = screen.getByRole('button', { name: 'Actions for Bob' });
    act(() => void pushNotice({ message: 'Bob is now a moderator.', undo: undoAction(async () => undefined) }));
    act(() => void pushNotice({ message: 'Eve is now a moderator.' }));

    await user.click(actions);
    await user.tab();
    expect(within(region).getAllByRole('button', { name: 'Undo' })[0]).toHaveFocus();
    // The Undo button goes once used: its notice's Dismiss button takes the focus.
    await user.keyboard('{Enter}');
    await within(region).findByText('Bob is a member again.');
    expect(document.activeElement).toHaveAccessibleName('Dismiss');
    expect(document.activeElement?.closest('.ui-notice')).toHaveTextContent('Bob is a member again.');

    // Dismissed: the next notice takes it.
    await user.keyboard('{Enter}');
    expect(region).not.toHaveTextContent('Bob is a member again.');
    expect(document.activeElement).toHaveAccessibleName('Dismiss');
    expect(document.activeElement?.closest('.ui-notice')).toHaveTextContent('Eve is now a moderator.');

    // The last one dismissed: back to where the person came from.
    await user.keyboard('{Enter}');
    expect(region).toBeEmptyDOMElement();
    expect(actions).toHaveFocus();
  });

  it('gives the focus to the page when the element the person came from is gone too', async () => {
    const region = renderNotices();
    const user = userEvent.setup();
    act(() => void pushNotice({ message: 'Grace was removed from the conversation.' }));
    await user.click(screen.getByRole('button', { name: 'Actions for Bob' }));
    await user.tab();
    screen.getByRole('button', { name: 'Actions for Bob' }).remove();

    await user.keyboard('{Enter}');
    expect(region).toBeEmptyDOMElement();
    expect(screen.getByRole('main')).toHaveFocus();
  });
});
