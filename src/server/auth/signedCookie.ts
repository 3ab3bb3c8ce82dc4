/**
 * A value the server hands to the browser and must get back unaltered (the OpenID Connect
 * sign-in in progress): JSON, base64url, and an HMAC-SHA256 over it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function signValue(secret: string, value: unknown): string {
  const payload = Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${payload}.${createHmac('sha256', secret).update(payload).digest('base64url')}`;
}

/** The value, or undefined when the text was not made by signValue with this secret. */
export function unsignValue(secret: string, text: string): unknown {
  const dot = text.lastIndexOf('.');
  if (dot < 0) return undefined;
  const payload = text.slice(0, dot);
  const given = Buffer.from(text.slice(dot + 1));
  const expected = Buffer.from(createHmac('sha256', secret).update(payload).digest('base64url'));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}
