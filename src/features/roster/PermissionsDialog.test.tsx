import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { PermissionsDialog, type PermissionsTarget } from './PermissionsDialog';

const LABELS = ['Start a call', 'Join a call', 'Skip the lobby', 'Publish audio', 'Publish video', 'Share the screen', 'Send messages'];

function renderDialog(targets: PermissionsTarget[]) {
  const onDecision = vi.fn();
  render(<PermissionsDialog open targets={targets} onDecision={onDecision} />);
  return onDecision;
}

describe('PermissionsDialog', () => {
  it('names one person, starts from their permissions and returns the boxes as a decision', async () => {
    const onDecision = renderDialog([{ name: 'Carol', permissions: 1 | 2 | 128, isModerator: false }]);
    const user = userEvent.setup();
    const dialog = screen.getByRole('dialog', { name: 'Permissions for Carol' });
    expect(within(dialog).getAllByRole('checkbox').map((box) => (box as HTMLInputElement).labels?.[0]?.textContent)).toEqual(LABELS);
    // Focus moves into the dialog, on its first box.
    await waitFor(() => expect(within(dialog).getByRole('checkbox', { name: 'Start a call' })).toHaveFocus());
    expect(within(dialog).getByRole('checkbox', { name: 'Send messages' })).toBeChecked();
    expect(within(dialog).getByRole('checkbox', { name: 'Join a call' })).not.toBeChecked();

    await user.keyboard(' '); // Space unchecks the focused "Start a call"
    await user.click(within(dialog).getByRole('checkbox', { name: 'Skip the lobby' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(onDecision).toHaveBeenLastCalledWith({ kind: 'set', permissions: 8 | 128 });

    await user.click(within(dialog).getByRole('button', { name: 'Reset to default' }));
    expect(onDecision).toHaveBeenLastCalledWith({ kind: 'reset' });
    await user.keyboard('{Escape}');
    expect(onDecision).toHaveBeenLastCalledWith({ kind: 'cancel' });
  });

  it('names a count for many, and starts from what all of them may do', () => {
    renderDialog([
      { name: 'Carol', permissions: 2 | 4 | 128, isModerator: false },
      { name: 'Dave', permissions: 4 | 128, isModerator: false },
      { name: 'Eve', permissions: 254, isModerator: true },
    ]);
    const dialog = screen.getByRole('dialog', { name: 'Permissions for 3 participants' });
    expect(within(dialog).getByRole('checkbox', { name: 'Join a call' })).toBeChecked();
    expect(within(dialog).getByRole('checkbox', { name: 'Start a call' })).not.toBeChecked();
    expect(within(dialog).getByText('Moderators among them keep every permission.')).toBeInTheDocument();
  });

  it('shows a moderator with every permission, none of them changeable', () => {
    renderDialog([{ name: 'Bob', permissions: 254, isModerator: true }]);
    const dialog = screen.getByRole('dialog', { name: 'Permissions for Bob' });
    for (const box of within(dialog).getAllByRole('checkbox')) {
      expect(box).toBeChecked();
      expect(box).toBeDisabled();
    }
    expect(within(dialog).getByText('Moderators always have every permission.')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Save' })).toBeDisabled();
    expect(within(dialog).getByRole('button', { name: 'Reset to default' })).toBeDisabled();
  });
});
