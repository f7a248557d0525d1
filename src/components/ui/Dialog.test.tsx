import { useState } from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ConfirmDialog } from './ConfirmDialog';
import { Dialog } from './Dialog';

function DialogHarness() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Open
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Add participants" description="Pick people.">
        <label htmlFor="who">Who</label>
        <input id="who" />
        <button type="button" onClick={() => setOpen(false)}>
          Done
        </button>
      </Dialog>
    </>
  );
}

describe('Dialog', () => {
  it('is named by its title, takes focus, keeps it inside and gives it back on Escape', async () => {
    const user = userEvent.setup();
    render(<DialogHarness />);
    const opener = screen.getByRole('button', { name: 'Open' });
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

    await user.click(opener);

    const dialog = await screen.findByRole('dialog', { name: 'Add participants' });
    expect(dialog).toHaveAccessibleDescription('Pick people.');
    await vi.waitFor(() => expect(screen.getByLabelText('Who')).toHaveFocus());
    await user.tab();
    expect(screen.getByRole('button', { name: 'Done' })).toHaveFocus();
    await user.tab();
    // The page behind is inert, so Tab never reaches it (a browser cycles through its own UI back into the
    // dialog; jsdom just leaves focus on the body).
    expect(opener).not.toHaveFocus();
    expect(opener).toHaveAttribute('tabindex', '-1');

    await user.keyboard('{Escape}');

    await vi.waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await vi.waitFor(() => expect(opener).toHaveFocus());
  });
});

describe('ConfirmDialog', () => {
  function renderConfirm() {
    const onDecision = vi.fn();
    render(
      <ConfirmDialog open title="Remove Bob?" confirmLabel="Remove" onDecision={onDecision}>
        Bob will no longer be in the conversation.
      </ConfirmDialog>,
    );
    return onDecision;
  }

  it('repeats the verb on its confirm button and returns the decision', async () => {
    const onDecision = renderConfirm();
    const dialog = await screen.findByRole('alertdialog', { name: 'Remove Bob?' });
    expect(dialog).toHaveTextContent('Bob will no longer be in the conversation.');
    // Focus starts on the harmless choice.
    await vi.waitFor(() => expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus());

    await userEvent.setup().click(screen.getByRole('button', { name: 'Remove' }));

    expect(onDecision).toHaveBeenCalledExactlyOnceWith(true);
  });

  it('treats Cancel and Escape as no', async () => {
    const onDecision = renderConfirm();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Cancel' }));
    await user.keyboard('{Escape}');

    expect(onDecision.mock.calls).toEqual([[false], [false]]);
  });
});
