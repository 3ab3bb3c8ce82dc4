/**
 * How people sign in to this server: local accounts (email and password), OpenID Connect
 * (an NHS organisation's Microsoft Entra ID), or both. `pathflow serve` builds these from
 * its environment and flags; tests build them directly.
 */

export interface OidcOptions {
  /** The provider's issuer URL, e.g. https://login.microsoftonline.com/<tenant id>/v2.0 */
  issuer: string;
  clientId: string;
  clientSecret?: string;
  /** The sign-in button's text. */
  label: string;
}

export interface AuthOptions {
  /** Email-and-password accounts made with `pathflow users add`. */
  localAccounts: boolean;
  /** A session ends this long after sign-in (fixed, not extended by use). */
  sessionHours: number;
  /** The address users reach the server at: the OpenID Connect redirect is made from it, and https here makes cookies Secure. */
  publicUrl?: string;
  oidc?: OidcOptions;
  /**
   * Signs the short-lived cookie that carries an OpenID Connect sign-in from the provider's
   * redirect back to the callback. Random per process when absent, which is right for one
   * server process; servers behind one address share one (PATHFLOW_COOKIE_SECRET).
   */
  cookieSecret?: string;
  /** Attempts at POST /auth/login per IP address (when the server has a rate limiter). */
  loginRateLimit: { max: number; timeWindowMs: number };
}

export const DEFAULT_OIDC_LABEL = 'Sign in with your NHS account';

export const DEFAULT_AUTH_OPTIONS: AuthOptions = {
  localAccounts: true,
  sessionHours: 12,
  loginRateLimit: { max: 10, timeWindowMs: 60_000 },
};

export class AuthConfigurationError extends Error {
  override name = 'AuthConfigurationError';
}

const OFF_WORDS = new Set(['0', 'off', 'false', 'no']);

/**
 * Reads OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_LABEL, PATHFLOW_PUBLIC_URL,
 * PATHFLOW_LOCAL_ACCOUNTS (on unless 0/off/false/no), PATHFLOW_SESSION_HOURS and
 * PATHFLOW_COOKIE_SECRET; throws an AuthConfigurationError naming the variable at fault.
 */
export function authOptionsFromEnvironment(env: Record<string, string | undefined>): AuthOptions {
  const options: AuthOptions = { ...DEFAULT_AUTH_OPTIONS };
  const publicUrl = env.PATHFLOW_PUBLIC_URL?.trim();
  if (publicUrl) {
    if (!/^https?:\/\/[^/]/.test(publicUrl) || !URL.canParse(publicUrl)) throw new AuthConfigurationError(`PATHFLOW_PUBLIC_URL must be an http:// or https:// address, not '${publicUrl}'`);
    options.publicUrl = publicUrl;
  }
  const local = env.PATHFLOW_LOCAL_ACCOUNTS?.trim().toLowerCase();
  if (local) options.localAccounts = !OFF_WORDS.has(local);
  const hours = env.PATHFLOW_SESSION_HOURS?.trim();
  if (hours) {
    const value = /^\d+(\.\d+)?$/.test(hours) ? Number(hours) : NaN;
    if (!(value > 0 && value <= 24 * 30)) throw new AuthConfigurationError(`PATHFLOW_SESSION_HOURS must be a number of hours more than 0 and at most 720, not '${hours}'`);
    options.sessionHours = value;
  }
  if (env.PATHFLOW_COOKIE_SECRET) options.cookieSecret = env.PATHFLOW_COOKIE_SECRET;
  const issuer = env.OIDC_ISSUER?.trim();
  const clientId = env.OIDC_CLIENT_ID?.trim();
  if (issuer || clientId) {
    if (!issuer || !clientId) throw new AuthConfigurationError(`OpenID Connect needs both OIDC_ISSUER and OIDC_CLIENT_ID; ${issuer ? 'OIDC_CLIENT_ID' : 'OIDC_ISSUER'} is not set`);
    if (!URL.canParse(issuer)) throw new AuthConfigurationError(`OIDC_ISSUER must be the provider's issuer address, not '${issuer}'`);
    if (!options.publicUrl) throw new AuthConfigurationError('OpenID Connect needs PATHFLOW_PUBLIC_URL, the address users reach this server at: the provider sends them back to it');
    options.oidc = { issuer, clientId, label: env.OIDC_LABEL?.trim() || DEFAULT_OIDC_LABEL, ...(env.OIDC_CLIENT_SECRET ? { clientSecret: env.OIDC_CLIENT_SECRET } : {}) };
  }
  if (!options.localAccounts && !options.oidc) throw new AuthConfigurationError('PATHFLOW_LOCAL_ACCOUNTS is off and OpenID Connect is not set up (OIDC_ISSUER, OIDC_CLIENT_ID): nobody could sign in');
  return options;
}

/** Cookies are Secure when users reach the server over https. */
export function cookiesSecure(options: AuthOptions): boolean {
  return options.publicUrl?.startsWith('https://') ?? false;
}
