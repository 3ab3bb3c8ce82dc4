/**
 * Who is asking, once a request has been authenticated (by a session cookie, an API
 * token, or not at all), and what a role allows. Routes ask `roleAllows`; nothing else
 * compares role names.
 */
import { ROLES, type Role } from '../storage/tables.js';

export interface Principal {
  userId: string;
  email: string;
  displayName: string;
  /** How this request was authenticated: a cookie session must send its CSRF token on unsafe requests; a token need not. */
  via: 'session' | 'token';
}

export function roleAllows(held: Role | undefined, needed: Role): boolean {
  return held !== undefined && ROLES.indexOf(held) >= ROLES.indexOf(needed);
}
