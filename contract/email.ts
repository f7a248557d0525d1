/**
 * What counts as an email address, on both sides: the add dialog offers "Invite by email" for it, the demo
 * server's autocomplete suggests it, and adding a participant with `source=emails` accepts it. Nothing here may
 * import from the client or the server.
 *
 * Deliberately loose (one @, a dot in the domain, no spaces), as Nextcloud is with plain addresses, but without
 * `<`, `>` and `"`: Nextcloud's mail address validation refuses them outside a quoted local part, and an address
 * pasted with its display name ("Pat <pat@example.com>") is one to fix, not one to send an invitation to.
 */
export const EMAIL_PATTERN = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

/** Whether `text`, as it stands (trim it first), is an email address by EMAIL_PATTERN. */
export function isEmailAddress(text: string): boolean {
  return EMAIL_PATTERN.test(text);
}
