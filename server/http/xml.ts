import type { Hono } from 'hono';
import { OCS_BASE } from '../../contract/wire';

/**
 * Nextcloud answers OCS requests in XML unless the caller asks for JSON: `format=json` in the query, or an Accept
 * header whose first type it has a responder for is `application/json`. No Accept header, the wildcard type, or
 * `application/xml` all get XML (Nextcloud's Controller::getResponderByHTTPHeader, with XML as the default).
 */
export function wantsJson(query: URLSearchParams, accept: string | undefined): boolean {
  const format = query.get('format');
  if (format !== null) return format === 'json';
  for (const entry of (accept ?? '').split(',')) {
    const responder = entry.split(';')[0]!.trim().toLowerCase().replace('application/', '');
    if (responder === 'json') return true;
    if (responder === 'xml') return false;
  }
  return false;
}

const XML_NAME = /^[A-Za-z_][\w.-]*$/;

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** PHP's string form of a scalar, as Nextcloud's XML writer prints it: true is "1", false and null are empty. */
function scalarText(value: unknown): string {
  if (value === true) return '1';
  if (value === false || value === null || value === undefined) return '';
  return String(value);
}

/** One value as Nextcloud's OCS XML writes it: list items as `<element>`, object keys as tags, one space per level. */
function writeElement(name: string, value: unknown, depth: number, out: string[]): void {
  const indent = ' '.repeat(depth);
  const tag = XML_NAME.test(name) ? name : 'element';
  const children: [string, unknown][] = Array.isArray(value)
    ? value.map((item) => ['element', item])
    : value !== null && typeof value === 'object'
      ? Object.entries(value)
      : [];
  if (value !== null && typeof value === 'object') {
    if (children.length === 0) {
      out.push(`${indent}<${tag}/>`);
      return;
    }
    out.push(`${indent}<${tag}>`);
    for (const [childName, child] of children) writeElement(childName, child, depth + 1, out);
    out.push(`${indent}</${tag}>`);
    return;
  }
  const text = scalarText(value);
  out.push(text === '' ? `${indent}<${tag}/>` : `${indent}<${tag}>${escapeXml(text)}</${tag}>`);
}

/** An OCS envelope (`{ocs: {meta, data}}`) as the XML document Nextcloud sends for it. */
export function ocsXml(envelope: { ocs: { meta: unknown; data: unknown } }): string {
  const out = ['<?xml version="1.0"?>'];
  writeElement('ocs', { meta: envelope.ocs.meta, data: envelope.ocs.data }, 0, out);
  return `${out.join('\n')}\n`;
}

function isEnvelope(body: unknown): body is { ocs: { meta: unknown; data: unknown } } {
  if (body === null || typeof body !== 'object' || !('ocs' in body)) return false;
  const { ocs } = body as { ocs: unknown };
  return ocs !== null && typeof ocs === 'object' && 'meta' in ocs;
}

/**
 * Turns the JSON envelopes of `/ocs` answers into XML for callers that did not ask for JSON. Bodies without an
 * envelope (the bare 412 of the CSRF check) stay as they are, as on Nextcloud.
 */
export function negotiateOcsFormat(app: Hono): void {
  app.use(`${OCS_BASE}/*`, async (c, next) => {
    await next();
    if (wantsJson(new URL(c.req.url).searchParams, c.req.header('accept'))) return;
    if (!(c.res.headers.get('content-type') ?? '').includes('application/json')) return;
    let body: unknown;
    try {
      body = JSON.parse(await c.res.clone().text());
    } catch {
      return;
    }
    if (!isEnvelope(body)) return;
    const { status } = c.res;
    const headers = new Headers(c.res.headers);
    headers.set('Content-Type', 'application/xml; charset=utf-8');
    headers.delete('Content-Length');
    // Unset first: Hono's setter would otherwise carry the JSON answer's headers over to the new one.
    c.res = undefined;
    c.res = new Response(ocsXml(body), { status, headers });
  });
}
