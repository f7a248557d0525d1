interface LocationLike {
  pathname: string;
  search: string;
  hash: string;
}

/** Where to send someone who must sign in, remembering where they were going. */
export function signInPath(from: LocationLike): string {
  const target = `${from.pathname}${from.search}${from.hash}`;
  if (target === '/' || target === '') return '/login';
  return `/login?${new URLSearchParams({ next: target }).toString()}`;
}

/**
 * The `next` parameter comes from the address bar, so anyone can craft it: only paths on this origin are
 * followed ("//host" and "/\host" would leave it).
 */
export function safeNextPath(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}
