import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ActionMenu } from './ActionMenu';

describe('ActionMenu', () => {
  it('opens a menu of the given items from its button and runs the chosen one', async () => {
    const promote = vi.fn();
    const remove = vi.fn();
    const user = userEvent.setup();
    render(
      <ActionMenu
        label="Actions for Bob"
        items={[
          { id: 'promote', label: 'Promote to moderator', onSelect: promote },
          { id: 'remove', label: 'Remove from conversation', onSelect: remove, tone: 'danger' },
        ]}
      />,
    );

    await user.click(screen.getByRole('button', { name: 'Actions for Bob' }));
    const menu = await screen.findByRole('menu');
    expect(menu).toBeInTheDocument();
    expect(screen.getAllByRole('menuitem').map((item) => item.textContent)).toEqual([
      'Promote to moderator',
      'Remove from conversation',
    ]);

    await user.click(screen.getByRole('menuitem', { name: 'Remove from conversation' }));

    expect(remove).toHaveBeenCalledOnce();
    expect(promote).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(screen.queryByRole('menu')).not.toBeInTheDocument());
  });

  it('works from the keyboard: arrows open and move, Escape closes back to the button', async () => {
    const user = userEvent.setup();
    render(
      <ActionMenu
        label="Actions for Bob"
        items={[
          { id: 'a', label: 'First', onSelect: vi.fn() },
          { id: 'b', label: 'Second', onSelect: vi.fn() },
        ]}
      />,
    );
    const button = screen.getByRole('button', { name: 'Actions for Bob' });
    await user.tab();
    expect(button).toHaveFocus();

    await user.keyboard('{ArrowDown}');
    await vi.waitFor(() => expect(screen.getByRole('menuitem', { name: 'First' })).toHaveFocus());
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('menuitem', { name: 'Second' })).toHaveFocus();
    await user.keyboard('{Escape}');

    await vi.waitFor(() => expect(button).toHaveFocus());
  });
});
