import { describe, expect, it } from 'vitest';
import { authOptionsFromEnvironment, cookiesSecure, DEFAULT_AUTH_OPTIONS } from '../../../src/server/auth/authOptions.js';

const ENTRA = {
  PATHFLOW_PUBLIC_URL: 'https://pathflow.example.nhs.uk',
  OIDC_ISSUER: 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0',
  OIDC_CLIENT_ID: 'client-id',
  OIDC_CLIENT_SECRET: 'secret',
};

describe('sign-in settings from the environment', () => {
  it('gives local accounts and 12-hour sessions when nothing is set', () => {
    expect(authOptionsFromEnvironment({})).toEqual(DEFAULT_AUTH_OPTIONS);
    expect(cookiesSecure(DEFAULT_AUTH_OPTIONS)).toBe(false);
  });

  it('reads Entra ID settings, the label defaulting, and makes cookies Secure on https', () => {
    const options = authOptionsFromEnvironment({ ...ENTRA, PATHFLOW_LOCAL_ACCOUNTS: 'off', PATHFLOW_SESSION_HOURS: '8' });
    expect(options).toMatchObject({ localAccounts: false, sessionHours: 8, publicUrl: ENTRA.PATHFLOW_PUBLIC_URL });
    expect(options.oidc).toEqual({ issuer: ENTRA.OIDC_ISSUER, clientId: 'client-id', clientSecret: 'secret', label: 'Sign in with your NHS account' });
    expect(cookiesSecure(options)).toBe(true);
  });

  it('names the variable at fault', () => {
    const refusals: [Record<string, string>, RegExp][] = [
      [{ OIDC_ISSUER: ENTRA.OIDC_ISSUER }, /OIDC_CLIENT_ID is not set/],
      [{ OIDC_ISSUER: ENTRA.OIDC_ISSUER, OIDC_CLIENT_ID: 'x' }, /needs PATHFLOW_PUBLIC_URL/],
      [{ ...ENTRA, OIDC_ISSUER: 'not a url' }, /OIDC_ISSUER must be/],
      [{ PATHFLOW_PUBLIC_URL: 'pathflow.example.nhs.uk' }, /PATHFLOW_PUBLIC_URL must be an http:\/\/ or https:\/\/ address/],
      [{ PATHFLOW_SESSION_HOURS: '0' }, /PATHFLOW_SESSION_HOURS must be/],
      [{ PATHFLOW_SESSION_HOURS: '12h' }, /PATHFLOW_SESSION_HOURS must be/],
      [{ PATHFLOW_LOCAL_ACCOUNTS: 'no' }, /nobody could sign in/],
    ];
    for (const [env, message] of refusals) expect(() => authOptionsFromEnvironment(env), JSON.stringify(env)).toThrow(message);
  });
});
