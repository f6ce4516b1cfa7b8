import type { APIRequestContext } from '@playwright/test';
import { checkPage, expect, pkce, signInAtSandbox, test, uniqueUser, type TestControl } from './support';

// Without the app: the sandbox IdP signs a user in (authorization code + PKCE, as oidc-client-ts does it), and the
// worker, reached through the front door on the app's own origin, accepts that token and no other.
test('a token from the sandbox IdP opens the API on the app origin; none, or a forged one, does not', async ({ page, request, control }, testInfo) => {
  const { identityIssuer, origin } = await control.info();
  const { verifier, challenge } = pkce();
  const redirect = `${origin}/auth/callback`;
  const state = 'st' + Date.now();
  const authorize = new URL(`${identityIssuer}/authorize`);
  for (const [k, v] of Object.entries({
    response_type: 'code', client_id: 'autobooking-web', redirect_uri: redirect, scope: 'openid profile offline_access',
    state, nonce: 'n' + Date.now(), code_challenge: challenge, code_challenge_method: 'S256',
  })) {
    authorize.searchParams.set(k, v);
  }
  // The callback page is the app's; before it exists (web not built) the redirect is all this test needs.
  await page.route(`${origin}/auth/callback**`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<html lang="en"><title>cb</title><main><h1>callback</h1></main></html>' }));
  await page.goto(authorize.toString());
  const user = uniqueUser('api');
  await signInAtSandbox(page, testInfo, user);
  await expect(page).toHaveURL(/\/auth\/callback\?/);
  const callback = new URL(page.url());
  expect(callback.searchParams.get('state')).toBe(state);
  expect(callback.searchParams.get('iss')).toBe(identityIssuer);

  const token = await request.post(`${identityIssuer}/token`, {
    form: { grant_type: 'authorization_code', code: callback.searchParams.get('code')!, redirect_uri: redirect, client_id: 'autobooking-web', code_verifier: verifier },
  });
  expect(token.status()).toBe(200);
  const { access_token: accessToken } = await token.json();

  const trips = await request.get('/api/trips', { headers: { Authorization: `Bearer ${accessToken}` } });
  expect(trips.status(), await trips.text()).toBe(200);
  expect((await trips.json()).items).toEqual([]);

  const anonymous = await request.get('/api/trips');
  expect(anonymous.status()).toBe(401);
  expect(anonymous.headers()['content-type']).toContain('application/problem+json');

  const [header, payload] = accessToken.split('.');
  const forged = await request.get('/api/trips', { headers: { Authorization: `Bearer ${header}.${payload}.c2lnbmF0dXJl` } });
  expect(forged.status()).toBe(401);

  const missing = await request.get('/api/no-such-endpoint');
  expect(missing.status()).toBe(404);
  expect((await missing.json()).status).toBe(404);

  const health = await request.get('/api/health');
  expect(health.status()).toBe(200);
});

/** An access token for a user of the test's own, through the sandbox IdP's form (code + PKCE), without a browser. */
async function tokenFor(request: APIRequestContext, control: TestControl, userId: string, operator: boolean): Promise<string> {
  const { identityIssuer, origin } = await control.info();
  const { verifier, challenge } = pkce();
  const redirect = `${origin}/auth/callback`;
  const form: Record<string, string> = {
    response_type: 'code', client_id: 'autobooking-web', redirect_uri: redirect, scope: 'openid', state: 's', nonce: 'n',
    code_challenge: challenge, code_challenge_method: 'S256', user_id: userId,
  };
  if (operator) form.operator = 'true';
  const signedIn = await request.post(`${identityIssuer}/authorize`, { form, maxRedirects: 0 });
  expect(signedIn.status()).toBe(302);
  const code = new URL(signedIn.headers()['location']).searchParams.get('code')!;
  const token = await request.post(`${identityIssuer}/token`, {
    form: { grant_type: 'authorization_code', code, redirect_uri: redirect, client_id: 'autobooking-web', code_verifier: verifier },
  });
  return (await token.json()).access_token as string;
}

test('a traveler token cannot use the operator API (403), an operator token can', async ({ request, control }) => {
  const traveler = await request.get('/api/operator/attempts', { headers: { Authorization: `Bearer ${await tokenFor(request, control, uniqueUser('trav'), false)}` } });
  expect(traveler.status()).toBe(403);
  const operator = await request.get('/api/operator/attempts', { headers: { Authorization: `Bearer ${await tokenFor(request, control, uniqueUser('ops'), true)}` } });
  expect(operator.status(), await operator.text()).toBe(200);
});

// The app and the API on two origins, as the Static Web App and the Function App are: the API answers the app's origin
// with the platform's CORS (preflights for Authorization and If-Match pass, no response header beyond the safelisted
// ones is exposed) and no other origin.
test('the API on its own origin lets the app origin in (Authorization, If-Match preflights) and no other', async ({ page, request, control }) => {
  const { origin, apiOrigin, sandbox } = await control.info();
  expect(apiOrigin).not.toBe(origin);
  const token = await tokenFor(request, control, uniqueUser('cors'), false);
  const call = (api: string, bearer: string) =>
    page.evaluate(async ({ api, bearer }) => {
      try {
        const list = await fetch(`${api}/api/trips`, { headers: { Authorization: `Bearer ${bearer}` } });
        const change = await fetch(`${api}/api/trips/00000000-0000-4000-8000-000000000000/pause`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${bearer}`, 'If-Match': '"1"' },
        });
        return { list: list.status, change: change.status, changeType: change.headers.get('Content-Type'), blocked: false };
      } catch {
        return { list: 0, change: 0, changeType: null, blocked: true };
      }
    }, { api, bearer });

  await page.goto(`${origin}/`);
  const fromApp = await call(apiOrigin, token);
  expect(fromApp).toEqual({ list: 200, change: 404, changeType: expect.stringContaining('application/problem+json'), blocked: false });

  await page.goto(`${sandbox.replace(/\/$/, '')}/idp/.well-known/openid-configuration`);
  expect(await call(apiOrigin, token)).toMatchObject({ blocked: true });
});
