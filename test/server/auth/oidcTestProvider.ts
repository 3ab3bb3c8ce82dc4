/**
 * A real OpenID Connect provider (oidc-provider) on 127.0.0.1 for the sign-in tests, with
 * one client and one test account, and login and consent pages of its own (a form each),
 * so a test signs in the way a browser would: following redirects and posting forms.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface TestAccount {
  login: string;
  password: string;
  subject: string;
  email: string;
  name: string;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

async function formBody(request: IncomingMessage): Promise<URLSearchParams> {
  let text = '';
  for await (const chunk of request) text += chunk;
  return new URLSearchParams(text);
}

function page(response: ServerResponse, status: number, html: string): void {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  response.end(html);
}

export async function startTestProvider(account: TestAccount, redirectUri: string): Promise<TestProvider> {
  const server: Server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = { clientId: 'pathflow-test', clientSecret: 'a client secret for tests only' };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    // Like Entra ID with the email optional claim: the claims are in the ID token itself.
    conformIdTokenClaims: false,
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    cookies: { keys: ['cookie signing key for tests only'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: async (_ctx, id) =>
      id === account.subject ? { accountId: id, claims: async () => ({ sub: id, email: account.email, email_verified: true, name: account.name }) } : undefined,
  });
  const handleProvider = provider.callback();

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const match = /^\/interaction\/([^/?]+)(\/login|\/confirm)?/.exec(request.url ?? '');
    if (!match) return void handleProvider(request, response);
    void interaction(request, response, match[1], match[2]).catch((error: unknown) => page(response, 500, String(error)));
  });

  async function interaction(request: IncomingMessage, response: ServerResponse, uid: string, step: string | undefined): Promise<void> {
    const details = await provider.interactionDetails(request, response);
    if (request.method === 'GET') {
      const form =
        details.prompt.name === 'login'
          ? `<form method="post" action="/interaction/${uid}/login"><input name="login"><input name="password" type="password"><button>Sign in</button></form>`
          : `<form method="post" action="/interaction/${uid}/confirm"><button>Allow</button></form>`;
      return page(response, 200, `<!doctype html><title>${details.prompt.name}</title>${form}`);
    }
    const body = await formBody(request);
    if (step === '/login') {
      if (body.get('login') !== account.login || body.get('password') !== account.password) return page(response, 401, '<!doctype html><title>login</title>wrong login or password');
      return provider.interactionFinished(request, response, { login: { accountId: account.subject } }, { mergeWithLastSubmission: false });
    }
    const grant = new provider.Grant({ accountId: details.session!.accountId, clientId: details.params.client_id as string });
    const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    return provider.interactionFinished(request, response, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
  }

  return {
    issuer,
    ...client,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
