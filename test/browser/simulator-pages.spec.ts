/**
 * The simulator's browser-facing pages in real Chromium: each cookies bridge's fake sign-in page
 * yields exactly what its step asks for (cookies, localStorage via extractJS, request headers) and
 * lands on a URL matching expectedFinalURLRegex; the OAuth approve page works with a real click.
 */
import BeeperDesktop from '@beeper/desktop-api';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { startSimulator, type Simulator } from '../simulator/index.ts';
import { parseResponse } from '../../main/core/api/client.ts';
import { LoginSessionSchema, type CookiesStep } from '../../main/core/api/schemas.ts';
import { CookieCapture } from '../../main/policy/cookie-capture.ts';
import { PROFILES } from '../simulator/profiles.ts';
import type { WireLoginSession } from '../simulator/wire.ts';

let sim: Simulator;
let client: BeeperDesktop;

test.beforeAll(async () => {
  sim = await startSimulator({ port: 0, config: { timeScale: 0.01 } });
});
test.afterAll(async () => {
  await sim.stop();
});
test.beforeEach(() => {
  sim.reset('default', { timeScale: 0.01 });
  client = new BeeperDesktop({ baseURL: sim.url, accessToken: sim.mintToken(), logLevel: 'off' });
});

/**
 * Drives Chromium through a cookies step the way the app's capture window does, feeding everything
 * it sees into the same CookieCapture: cookies from the browser's store (HttpOnly included),
 * request headers, localStorage, extractJS results and navigations. The engine decides when the
 * sign-in is complete.
 */
async function signInThroughBrowser(
  context: BrowserContext,
  bridgeID: string,
  login: string,
  fill?: (page: Page) => Promise<void>,
): Promise<{ session: WireLoginSession; values: Record<string, string>; lastURL: string; page: Page; engine: CookieCapture }> {
  const session = await client.post<WireLoginSession>(`/v1/bridges/${bridgeID}/login-sessions`, { body: {}, maxRetries: 0 });
  expect(session.status).toBe('waiting_for_cookies');
  // The step as the app reads it, whatever shape this profile sends its cookie fields in.
  const step = parseResponse(LoginSessionSchema, session, 'login session').currentStep as CookiesStep;
  const engine = new CookieCapture(step);
  const page = await context.newPage();
  page.on('request', (req) => engine.onRequest(req.url(), req.headers()));
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) engine.onURL(frame.url());
  });
  await page.goto(step.url);
  await fill?.(page);
  await page.getByLabel('Email or username').fill(login);
  await page.getByLabel('Password').fill('a password');
  expect(engine.isComplete()).toBe(false);
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect
    .poll(async () => {
      engine.onURL(page.url());
      engine.onCookies(await context.cookies());
      try {
        engine.onStorage(await page.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)]))), page.url());
        if (step.extractJS) engine.onScriptResult(await page.evaluate<unknown>(step.extractJS), page.url());
      } catch {
        // The page is navigating: read it again on the next round, as the capture window does.
      }
      return engine.isComplete();
    })
    .toBe(true);
  expect(new RegExp(step.expectedFinalURLRegex!).test(engine.lastURL()!)).toBe(true);
  return { session, values: engine.values(), lastURL: engine.lastURL()!, page, engine };
}

const submitWebview = (s: WireLoginSession, fields: Record<string, string>, lastURL: string): Promise<WireLoginSession> =>
  client.post(`/v1/bridges/${s.bridgeID}/login-sessions/${s.loginSessionID}/steps/${(s.currentStep as { stepID: string }).stepID}`, {
    body: { type: 'cookies', fields, source: 'webview', lastURL },
    maxRetries: 0,
  });

for (const profile of PROFILES) test.describe(`cookie capture through the fake sign-in pages, with the capture engine (${profile} profile)`, () => {
  test.beforeEach(() => {
    sim.core.config.profile = profile;
  });

  test('Google: the six required Google cookies, then the emoji step', async ({ context }, testInfo) => {
    const { session, values, lastURL, page } = await signInThroughBrowser(context, 'local-gmessages', 'alex@gmail.com');
    expect(Object.keys(values).sort()).toEqual(expect.arrayContaining(['APISID', 'HSID', 'OSID', 'SAPISID', 'SID', 'SSID']));
    await page.screenshot({ path: testInfo.outputPath('google-signed-in.png') });
    const next = await submitWebview(session, values, lastURL);
    expect(next.currentStep).toMatchObject({ stepID: 'fi.mau.gmessages.emoji', display: { type: 'emoji' } });
    const imageURL = (next.currentStep as { display: { imageURL: string } }).display.imageURL;
    expect(imageURL).toMatch({ sdk: /^data:image\/svg\+xml;base64,/, bridgev2: /^http:\/\//, future: /^mxc:\/\// }[profile]);
    if (profile === 'bridgev2') {
      await page.goto(imageURL);
      await expect(page.getByRole('img')).toBeVisible();
    }
  });

  test('Instagram: HttpOnly cookies and the X-IG-App-ID request header', async ({ context }, testInfo) => {
    const { session, values, lastURL, page } = await signInThroughBrowser(context, 'local-instagram', 'alex.rivera');
    expect(values['x-ig-app-id']).toBe('936619743392459');
    expect(Object.keys(values).sort()).toEqual(['csrftoken', 'ds_user_id', 'ig_did', 'mid', 'sessionid', 'x-ig-app-id']);
    // sessionid is HttpOnly: page scripts cannot see it, only the browser's cookie store.
    expect(await page.evaluate(() => document.cookie)).not.toContain('sessionid=');
    await expect(page.getByText('You are signed in.')).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('instagram-inbox.png') });
    const done = await submitWebview(session, values, lastURL);
    expect(done.status).toBe('complete');
    expect(sim.core.logins.sessions.get(session.loginSessionID)!.lastSubmit).toMatchObject({ source: 'webview', lastURL });
  });

  test('Slack: extractJS finds the xoxc token in localStorage; the d cookie is HttpOnly', async ({ context }, testInfo) => {
    const { session, values, lastURL, page } = await signInThroughBrowser(context, 'slackgo', 'alex@acme.example', async (p) => {
      await p.getByLabel('Workspace').selectOption({ label: 'Globex' });
    });
    expect(values['auth_token']).toMatch(/^xoxc-T0GLOBEX2-U[A-Z0-9]{8}-/);
    expect(values['cookie_token']).toMatch(/^xoxd-/);
    await page.screenshot({ path: testInfo.outputPath('slack-client.png') });
    const done = await submitWebview(session, values, lastURL);
    expect(done).toMatchObject({ status: 'complete', account: { network: 'Slack (Globex)' } });
  });

  test('X: ct0 and auth_token; signing in again as the same person restores the same login', async ({ browser }) => {
    const once = async (): Promise<WireLoginSession> => {
      const context = await browser.newContext();
      try {
        const { session, values, lastURL } = await signInThroughBrowser(context, 'local-twitter', 'alexr');
        expect(Object.keys(values).sort()).toEqual(['auth_token', 'ct0']);
        return await submitWebview(session, values, lastURL);
      } finally {
        await context.close();
      }
    };
    const first = await once();
    expect(first.status).toBe('complete');
    // X is single-account: reconnecting the same login is still allowed.
    const reconnect = await client.post<WireLoginSession>('/v1/bridges/local-twitter/login-sessions', { body: { loginID: first.loginID }, maxRetries: 0 });
    expect(reconnect.loginID).toBe(first.loginID);
  });

  test('a sign-in form submitted empty does not land on the final URL', async ({ page }) => {
    const res = await page.request.post(`${sim.url}/__signin/x/`, { form: { login: '', password: '' } });
    expect(res.status()).toBe(400);
    expect((await page.context().cookies()).find((c) => c.name === 'auth_token')).toBeUndefined();
  });
});

test.describe('OAuth approve page', () => {
  let callback: Server;
  let callbackURL: string;
  let received: Promise<URLSearchParams>;

  test.beforeEach(async () => {
    let resolve!: (p: URLSearchParams) => void;
    received = new Promise((r) => (resolve = r));
    callback = createServer((req, res) => {
      const u = new URL(req.url ?? '/', 'http://127.0.0.1');
      res.writeHead(200, { 'content-type': 'text/html' }).end('<p>You can close this tab.</p>');
      if (u.pathname === '/callback') resolve(u.searchParams);
    });
    await new Promise<void>((r) => callback.listen(0, '127.0.0.1', r));
    const addr = callback.address();
    callbackURL = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/callback`;
  });
  test.afterEach(async () => {
    await new Promise((r) => callback.close(r));
  });

  async function start(page: Page): Promise<{ clientID: string; verifier: string; state: string }> {
    const reg = (await (
      await fetch(`${sim.url}/oauth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ client_name: 'Beeper Account Manager', redirect_uris: [callbackURL] }),
      })
    ).json()) as { client_id: string };
    const verifier = randomBytes(64).toString('base64url');
    const state = randomBytes(24).toString('base64url');
    const q = new URLSearchParams({
      client_id: reg.client_id,
      redirect_uri: callbackURL,
      response_type: 'code',
      scope: 'read write',
      state,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    });
    await page.goto(`${sim.url}/oauth/authorize?${q.toString()}`);
    return { clientID: reg.client_id, verifier, state };
  }

  test('approve: the callback receives a code that exchanges for a working token', async ({ page }, testInfo) => {
    const { clientID, verifier, state } = await start(page);
    await expect(page.getByRole('heading', { name: 'Allow access to Beeper?' })).toBeVisible();
    await expect(page.getByText('Beeper Account Manager')).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('oauth-approve.png') });
    await page.getByRole('button', { name: 'Approve' }).click();
    const params = await received;
    expect(params.get('state')).toBe(state);
    await expect(page.getByText('You can close this tab.')).toBeVisible();
    const token = (await (
      await fetch(`${sim.url}/oauth/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'authorization_code', client_id: clientID, code: params.get('code')!, code_verifier: verifier, redirect_uri: callbackURL }),
      })
    ).json()) as { access_token: string };
    const authed = new BeeperDesktop({ baseURL: sim.url, accessToken: token.access_token, logLevel: 'off' });
    expect((await authed.accounts.list()).length).toBeGreaterThan(0);
  });

  test('deny: the callback receives access_denied', async ({ page }) => {
    const { state } = await start(page);
    await page.getByRole('button', { name: 'Deny' }).click();
    const params = await received;
    expect([params.get('error'), params.get('state'), params.get('code')]).toEqual(['access_denied', state, null]);
  });
});
