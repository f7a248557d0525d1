import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Notice } from '../../lib/notices';
import { NoticeStack } from './NoticeStack';

const undo = { run: async () => undefined, doneMessage: 'Bob is a member again.', describeFailure: () => 'No.' };

function notice(id: number, message: string, change: Partial<Notice> = {}): Notice {
  return { id, message, undo: null, state: 'shown', expiresAt: Number.POSITIVE_INFINITY, heldBy: [], ...change };
}

function renderStack(notices: Notice[]) {
  const handlers = { onUndo: vi.fn(), onDismiss: vi.fn(), onHold: vi.fn(), onRelease: vi.fn() };
  const view = render(<NoticeStack notices={notices} {...handlers} />);
  return { ...handlers, ...view, region: screen.getByRole('status', { name: 'Notices' }) };
}

describe('NoticeStack', () => {
  it('shows each notice in the live region, with Undo only where there is a way back', async () => {
    const { region, onUndo, onDismiss } = renderStack([
      notice(1, 'Bob is now a moderator.', { undo }),
      notice(2, 'Grace was removed from the conversation.'),
    ]);
    const user = userEvent.setup();
    expect(within(region).getAllByRole('button', { name: 'Undo' })).toHaveLength(1);

    await user.click(within(region).getByRole('button', { name: 'Undo' }));
    expect(onUndo).toHaveBeenCalledWith(1);
    await user.click(within(region).getAllByRole('button', { name: 'Dismiss' })[1]!);
    expect(onDismiss).toHaveBeenCalledWith(2);
  });

  it('says an undo is running, keeps its button focusable but inert, then shows the outcome without it', async () => {
    const { region, onUndo, rerender } = renderStack([notice(1, 'Bob is now a moderator.', { undo, state: 'undoing' })]);
    const user = userEvent.setup();
    expect(region).toHaveTextContent('Undoing: Bob is now a moderator.');
    const button = within(region).getByRole('button', { name: 'Undo' });
    expect(button).toHaveAttribute('aria-disabled', 'true');
    await user.click(button);
    expect(onUndo).not.toHaveBeenCalled();

    const handlers = { onUndo, onDismiss: vi.fn(), onHold: vi.fn(), onRelease: vi.fn() };
    rerender(<NoticeStack notices={[notice(1, 'Bob is a member again.', { undo, state: 'undone' })]} {...handlers} />);
    expect(region).toHaveTextContent('Bob is a member again.');
    expect(within(region).queryByRole('button', { name: 'Undo' })).not.toBeInTheDocument();
  });

  it('reports focus and pointer coming onto a notice and leaving it', async () => {
    const { region, onHold, onRelease } = renderStack([notice(7, 'Bob is now a moderator.', { undo })]);
    const user = userEvent.setup();

    await user.hover(within(region).getByText('Bob is now a moderator.'));
    expect(onHold).toHaveBeenCalledWith(7, 'pointer');
    await user.unhover(within(region).getByText('Bob is now a moderator.'));
    expect(onRelease).toHaveBeenCalledWith(7, 'pointer');

    await user.tab();
    expect(within(region).getByRole('button', { name: 'Undo' })).toHaveFocus();
    expect(onHold).toHaveBeenCalledWith(7, 'focus');
    // Within the notice it stays held.
    await user.tab();
    expect(onRelease).not.toHaveBeenCalledWith(7, 'focus');
    await user.tab();
    expect(onRelease).toHaveBeenCalledWith(7, 'focus');
  });
});
