/**
 * Which Pathflow user an OpenID Connect sign-in is: the one already linked to this
 * (issuer, subject); else the one with the same email when the provider vouches for the
 * email (then linked, so a later change of email at the provider keeps the account); else
 * a new user. A new user has no workspaces until an admin adds their email.
 */
import type { Kysely } from 'kysely';
import { HttpError } from '../httpError.js';
import type { Database } from '../storage/tables.js';
import { createLocalUser, findUserByEmail, normaliseEmail, type UserRow } from './accounts.js';

export interface OidcIdentity {
  issuer: string;
  subject: string;
  email?: string;
  /** The provider says the email belongs to this person (email_verified, or Entra ID's xms_edov). */
  emailVerified: boolean;
  name?: string;
}

function claimText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** Entra ID often leaves out `email` and `email_verified`; its `xms_edov` says the email's domain is verified by its owner. */
export function identityFromClaims(claims: Record<string, unknown>): OidcIdentity {
  const email = claimText(claims.email);
  return {
    issuer: String(claims.iss),
    subject: String(claims.sub),
    ...(email ? { email: normaliseEmail(email) } : {}),
    emailVerified: claims.email_verified === true || claims.xms_edov === true,
    ...(claimText(claims.name) ? { name: claimText(claims.name) } : {}),
  };
}

export async function userForIdentity(db: Kysely<Database>, identity: OidcIdentity): Promise<UserRow> {
  const linked = await db.selectFrom('users').selectAll().where('oidc_issuer', '=', identity.issuer).where('oidc_subject', '=', identity.subject).executeTakeFirst();
  const user = linked ?? (await linkOrCreate(db, identity));
  if (user.disabled) throw new HttpError(403, 'this account is disabled on this Pathflow server; ask its admin');
  return user;
}

async function linkOrCreate(db: Kysely<Database>, identity: OidcIdentity): Promise<UserRow> {
  if (!identity.email) throw new HttpError(403, 'your organisation\'s sign-in did not give an email address, which Pathflow needs to find your account; ask your IT team to send the email claim');
  const existing = await findUserByEmail(db, identity.email);
  if (existing) {
    if (!identity.emailVerified) throw new HttpError(403, `an account for ${identity.email} exists but your organisation's sign-in did not confirm the email is yours; ask your IT team to send email_verified`);
    if (existing.oidc_subject && (existing.oidc_issuer !== identity.issuer || existing.oidc_subject !== identity.subject)) {
      throw new HttpError(403, `the account for ${identity.email} is linked to another sign-in; ask this server's admin`);
    }
    await db.updateTable('users').set({ oidc_issuer: identity.issuer, oidc_subject: identity.subject }).where('id', '=', existing.id).execute();
    return { ...existing, oidc_issuer: identity.issuer, oidc_subject: identity.subject };
  }
  const made = await createLocalUser(db, { email: identity.email, ...(identity.name ? { displayName: identity.name } : {}), oidc: { issuer: identity.issuer, subject: identity.subject } });
  return db.selectFrom('users').selectAll().where('id', '=', made.id).executeTakeFirstOrThrow();
}
