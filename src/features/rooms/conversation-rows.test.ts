import { describe, expect, it } from 'vitest';
import type { Conversation } from '../../lib/api';
import { toConversationRows } from './conversation-rows';

function conversation(overrides: Partial<Conversation> & Pick<Conversation, 'token' | 'name'>): Conversation {
  return {
    type: 'group',
    hasPassword: false,
    lobby: { enabled: false, opensAt: null },
    ownRole: 'member',
    canModerate: false,
    ownAccountId: null,
    defaultPermissions: null,
    ownPermissions: null,
    lastActivityAt: 0,
    ...overrides,
  };
}

const conversations: Conversation[] = [
  conversation({ token: 'w', name: 'All-hands webinar', type: 'public', lobby: { enabled: true, opensAt: null } }),
  conversation({ token: 'd', name: 'Design team', ownRole: 'owner' }),
  conversation({ token: 'o', name: 'Open office hours', type: 'public', hasPassword: true, ownRole: 'moderator' }),
  conversation({ token: 'c', name: 'Café', type: 'one-to-one', ownRole: null }),
];

describe('toConversationRows', () => {
  it('prepares every row: link, type label, badges and role', () => {
    const rows = toConversationRows(conversations, '');

    expect(rows.map((row) => row.name)).toEqual(['All-hands webinar', 'Café', 'Design team', 'Open office hours']);
    expect(rows[0]).toEqual({
      token: 'w',
      name: 'All-hands webinar',
      href: '/rooms/w',
      typeLabel: 'Public',
      roleLabel: 'Member',
      badges: ['Lobby'],
    });
    expect(rows[1]).toMatchObject({ typeLabel: 'One-to-one', roleLabel: null, badges: [] });
    expect(rows[2]).toMatchObject({ typeLabel: 'Group', roleLabel: 'Owner' });
    expect(rows[3]).toMatchObject({ roleLabel: 'Moderator', badges: ['Password protected'] });
  });

  it('filters by name, ignoring case, accents and surrounding spaces', () => {
    expect(toConversationRows(conversations, 'WEBINAR').map((row) => row.token)).toEqual(['w']);
    expect(toConversationRows(conversations, '  cafe ').map((row) => row.token)).toEqual(['c']);
    expect(toConversationRows(conversations, 'a').map((row) => row.token)).toEqual(['w', 'c', 'd']);
    expect(toConversationRows(conversations, 'nothing like it')).toEqual([]);
  });

  it('keeps tokens safe in the link', () => {
    const [row] = toConversationRows([conversation({ token: 'a/b?c', name: 'Odd' })], '');
    expect(row?.href).toBe('/rooms/a%2Fb%3Fc');
  });
});
