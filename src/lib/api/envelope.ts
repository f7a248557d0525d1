/**
 * Reading an OCS answer's body: shared by the transport and the participants worker, which decodes the
 * longest bodies away from the page's main thread.
 */
import type { OcsEnvelope } from '../../../contract/wire';

/** The body as JSON; null when it is empty or is no JSON (XML, an HTML error page). */
export function parseJson(text: string): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // XML (a 401 of a real server) or an HTML error page of a proxy: the status says what happened.
    return null;
  }
}

export function isOcsEnvelope(value: unknown): value is OcsEnvelope<unknown> {
  if (typeof value !== 'object' || value === null || !('ocs' in value)) return false;
  const { ocs } = value as { ocs: unknown };
  if (typeof ocs !== 'object' || ocs === null || !('meta' in ocs)) return false;
  const { meta } = ocs as { meta: unknown };
  return typeof meta === 'object' && meta !== null && typeof (meta as { statuscode?: unknown }).statuscode === 'number';
}
