import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { MenuTrigger, useMenuHost } from './MenuHost';

/** Menus open and move focus asynchronously; a loaded CI machine can take more than the default second. */
const SLOW_MACHINE = { timeout: 5000 };

function Rows({ onSelect }: { onSelect: (who: string, what: string) => void }) {
  const host = useMenuHost();
  return (
    <>
      {['Bob', 'Carol'].map((name) => (
        <MenuTrigger
          key={name}
          label={`Actions for ${name}`}
          expanded={host.openId === name}
          onOpen={(anchor, focus) =>
            host.show({
              id: name,
              anchor,
              focus,
              label: `Actions for ${name}`,
              items: [
                { id: 'promote', label: 'Promote', onSelect: () => onSelect(name, 'promote') },
                { id: 'remove', label: 'Remove', onSelect: () => onSelect(name, 'remove') },
              ],
            })
          }
        />
      ))}
      {host.menu}
    </>
  );
}

describe('one menu for many buttons', () => {
  it('opens next to the button that asked, with that button’s items, and reports the choice', async () => {
    const onSelect = vi.fn();
    const user = userEvent.setup();
    render(<Rows onSelect={onSelect} />);
    const carol = screen.getByRole('button', { name: 'Actions for Carol' });
    expect(carol).toHaveAttribute('aria-haspopup', 'menu');
    expect(carol).toHaveAttribute('aria-expanded', 'false');

    await user.click(carol);

    expect(await screen.findByRole('menu', { name: 'Actions for Carol' })).toBeInTheDocument();
    expect(carol).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByRole('button', { name: 'Actions for Bob' })).toHaveAttribute('aria-expanded', 'false');
    await user.click(screen.getByRole('menuitem', { name: 'Remove' }));

    expect(onSelect).toHaveBeenCalledExactlyOnceWith('Carol', 'remove');
    await vi.waitFor(() => expect(screen.queryByRole('menu')).not.toBeInTheDocument());
  });

  it('works from the keyboard: ArrowUp opens on the last item, Escape returns to the button', async () => {
    const user = userEvent.setup();
    render(<Rows onSelect={vi.fn()} />);
    const bob = screen.getByRole('button', { name: 'Actions for Bob' });
    bob.focus();

    await user.keyboard('{ArrowUp}');
    await vi.waitFor(() => expect(screen.getByRole('menuitem', { name: 'Remove' })).toHaveFocus(), SLOW_MACHINE);
    await user.keyboard('{ArrowUp}');
    expect(screen.getByRole('menuitem', { name: 'Promote' })).toHaveFocus();
    await user.keyboard('{Escape}');

    await vi.waitFor(() => expect(bob).toHaveFocus(), SLOW_MACHINE);
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();

    await user.keyboard('{ArrowDown}');
    await vi.waitFor(() => expect(screen.getByRole('menuitem', { name: 'Promote' })).toHaveFocus(), SLOW_MACHINE);
  });
});
