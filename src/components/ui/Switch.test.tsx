import { useState } from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Switch } from './Switch';

describe('Switch', () => {
  it('is a switch named by its label, toggled by click, Space and the label', async () => {
    function Harness() {
      const [on, setOn] = useState(false);
      return <Switch checked={on} onCheckedChange={setOn} label="Lobby" />;
    }
    const user = userEvent.setup();
    render(<Harness />);
    const lobby = screen.getByRole('switch', { name: 'Lobby' });
    expect(lobby).not.toBeChecked();

    await user.click(lobby);
    expect(lobby).toBeChecked();

    await user.keyboard(' ');
    expect(lobby).not.toBeChecked();

    await user.click(screen.getByText('Lobby'));
    expect(lobby).toBeChecked();
  });

  it('ignores presses while busy', async () => {
    const onCheckedChange = vi.fn();
    render(<Switch checked onCheckedChange={onCheckedChange} label="Lobby" busy />);
    await userEvent.setup().click(screen.getByRole('switch', { name: 'Lobby' }));
    expect(onCheckedChange).not.toHaveBeenCalled();
    expect(screen.getByRole('switch')).toHaveAttribute('aria-busy', 'true');
  });
});
