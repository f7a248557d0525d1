import type { TalkClient } from './client';
import type { RequestOptions } from './transport';
import { CURRENT_USER_PATH, type CurrentUserData } from '../../../contract/wire';

/** The signed-in account: its id (which may differ from the login, e.g. an email login) and its name. */
export interface CurrentUser {
  id: string;
  displayName: string;
}

export async function getCurrentUser(
  talk: TalkClient,
  options: Pick<RequestOptions, 'credentials' | 'signal'> = {},
): Promise<CurrentUser> {
  const user = await talk.request<CurrentUserData>('GET', CURRENT_USER_PATH, options);
  return { id: user.id, displayName: user['display-name'] || user.id };
}
