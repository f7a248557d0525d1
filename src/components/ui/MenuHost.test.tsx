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
    await vi.waitFor(() => expect(screen.getByRole('menuitem', { name: 'Promote' })).toHaveFocus(), SLOW_MACHINE);
    await user.keyboard('{Escape}');

    await vi.waitFor(() => expect(bob).toHaveFocus(), SLOW_MACHINE);
    // Focus returns as the menu closes; the menu leaves the DOM in a later render.
    await vi.waitFor(() => expect(screen.queryByRole('menu')).not.toBeInTheDocument(), SLOW_MACHINE);

    await user.keyboard('{ArrowDown}');
    await vi.waitFor(() => expect(screen.getByRole('menuitem', { name: 'Promote' })).toHaveFocus(), SLOW_MACHINE);
  });

  it('reopened at once after Escape, many times in a row, stays open with its item focused', async () => {
    const user = userEvent.setup();
    render(<Rows onSelect={vi.fn()} />);
    const bob = screen.getByRole('button', { name: 'Actions for Bob' });
    bob.focus();
    await user.keyboard('{Enter}');
    await vi.waitFor(() => expect(screen.getByRole('menuitem', { name: 'Promote' })).toHaveFocus(), SLOW_MACHINE);

    // Enter, ArrowDown and ArrowUp each reopen it; Escape and the key go together, as a quick keyboard user types.
    const reopenings = [
      { key: '{Enter}', focused: 'Promote' },
      { key: '{ArrowUp}', focused: 'Remove' },
      { key: '{ArrowDown}', focused: 'Promote' },
    ] as const;
    for (let round = 0; round < 9; round++) {
      const { key, focused } = reopenings[round % reopenings.length]!;
      await user.keyboard(`{Escape}${key}`);
      await vi.waitFor(() => expect(screen.getByRole('menuitem', { name: focused })).toHaveFocus(), SLOW_MACHINE);
      // Anything the Escape left for later runs within two frames; the menu must outlive them.
      await animationFrames(3);
      expect(screen.getByRole('menu', { name: 'Actions for Bob' })).toBeInTheDocument();
      expect(screen.getByRole('menuitem', { name: focused })).toHaveFocus();
    }

    // And its arrows still move between the items.
    await user.keyboard('{ArrowDown}');
    await vi.waitFor(() => expect(screen.getByRole('menuitem', { name: 'Remove' })).toHaveFocus(), SLOW_MACHINE);
  });

  it('keeps the Escape that closes it from the page around it', async () => {
    const user = userEvent.setup();
    const pageKeys = vi.fn();
    render(
      // eslint-disable-next-line jsx-a11y/no-static-element-interactions -- stands for whatever surrounds the rows
      <div onKeyDown={(event) => pageKeys(event.key)}>
        <Rows onSelect={vi.fn()} />
      </div>,
    );
    const bob = screen.getByRole('button', { name: 'Actions for Bob' });
    bob.focus();
    await user.keyboard('{Enter}');
    await vi.waitFor(() => expect(screen.getByRole('menuitem', { name: 'Promote' })).toHaveFocus(), SLOW_MACHINE);

    await user.keyboard('{Escape}');

    await vi.waitFor(() => expect(bob).toHaveFocus(), SLOW_MACHINE);
    expect(pageKeys).toHaveBeenCalledWith('Enter');
    expect(pageKeys).not.toHaveBeenCalledWith('Escape');
  });
});

/** Resolves after `count` animation frames: everything scheduled for the frames before has run by then. */
function animationFrames(count: number): Promise<void> {
  return new Promise((resolve) => {
    const next = (left: number) => (left === 0 ? resolve() : requestAnimationFrame(() => next(left - 1)));
    next(count);
  });
}
