/**
 * Fake sign-in pages for the cookie-based bridges, under `/__signin/<site>/`. Each is a small form
 * whose server side sets the cookies the step asks for (HttpOnly where the real site does, so only
 * a browser's cookie store, not `document.cookie`, can read them), whose pages write the
 * localStorage values and send the request headers the step asks for, and which finally lands on a
 * URL matching the step's `expectedFinalURLRegex`. Identity values derive from what was typed, so
 * signing in again as the same person restores the same login.
 */
import { createHash } from 'node:crypto';
import { SLACK_WORKSPACES } from '../bridges/web.ts';
import { escapeHTML, html, type Reply, type RequestContext, type Route } from '../http.ts';
import { randomToken } from '../ids.ts';

const digest = (s: string, len: number): string => createHash('sha256').update(s).digest('hex').slice(0, len);
const upperID = (s: string, len: number): string =>
  BigInt('0x' + createHash('sha256').update(s).digest('hex').slice(0, 16))
    .toString(36)
    .toUpperCase()
    .padStart(len, '0')
    .slice(0, len);

interface CookieSpec {
  name: string;
  value: string;
  httpOnly?: boolean;
  secure?: boolean;
}

function setCookies(cookies: CookieSpec[]): string[] {
  return cookies.map((c) =>
    [`${c.name}=${c.value}`, 'Path=/', 'SameSite=Lax', 'Max-Age=31536000', c.httpOnly ? 'HttpOnly' : '', c.secure ? 'Secure' : '']
      .filter(Boolean)
      .join('; '),
  );
}

function formPage(site: string, title: string, brand: string, extra = ''): Reply {
  return html(
    shell(
      title,
      brand,
      `<form method="post" autocomplete="off">
        ${extra}
        <label>Email or username <input name="login" required autofocus></label>
        <label>Password <input name="password" type="password" required></label>
        <button type="submit">Sign in</button>
      </form>
      <p class="fine">Simulated ${escapeHTML(site)} sign-in page for testing Beeper Account Manager.</p>`,
    ),
  );
}

async function credentials(ctx: RequestContext): Promise<{ login: string; password: string; fields: Record<string, string> } | null> {
  const body = (await ctx.body()) as Record<string, string> | undefined;
  const login = body?.['login']?.trim().toLowerCase();
  if (!login || !body?.['password']) return null;
  return { login, password: body['password'], fields: body };
}

const redirect = (location: string, cookies: CookieSpec[] = []): Reply => ({
  status: 303,
  headers: { location, 'set-cookie': setCookies(cookies), 'cache-control': 'no-store' },
});

export function signinRoutes(): Route[] {
  const r = (method: Route['method'], path: string, handler: Route['handler']): Route => ({
    method,
    path: `/__signin${path}`,
    auth: 'none',
    faultable: false,
    handler,
  });
  const retry = (site: string): Reply => html(shell('Sign-in failed', site, '<p>Enter your email or username and password.</p><p><a href=".">Try again</a></p>'), 400);

  return [
    // --------------------------------------------------------------- Google (Google Messages)
    r('GET', '/google/', () => formPage('Google', 'Sign in — Google Accounts', 'Google')),
    r('POST', '/google/', async (ctx) => {
      const c = await credentials(ctx);
      if (!c) return retry('Google');
      const sid = `g.a000${digest('sid:' + c.login, 40)}`;
      return redirect('/__signin/google/messages/web/config', [
        { name: 'SID', value: sid },
        { name: 'HSID', value: `A${digest('hsid:' + c.login, 16)}`, httpOnly: true },
        { name: 'SSID', value: `A${digest('ssid:' + c.login, 16)}`, httpOnly: true },
        { name: 'APISID', value: `${digest('apisid:' + c.login, 16)}/A${randomToken(6)}` },
        { name: 'SAPISID', value: `${digest('sapisid:' + c.login, 16)}/A${randomToken(6)}` },
        { name: 'OSID', value: `g.a000${randomToken(30)}`, httpOnly: true },
        { name: '__Secure-1PSIDTS', value: `sidts-${randomToken(24)}`, httpOnly: true, secure: true },
      ]);
    }),
    r('GET', '/google/messages/web/config', () =>
      html(shell('Messages for web', 'Google Messages', '<p>You are signed in. Return to Beeper Account Manager to pair your phone.</p>')),
    ),

    // --------------------------------------------------------------- Instagram (cookies + a request header)
    r('GET', '/instagram/', () => formPage('Instagram', 'Login • Instagram', 'Instagram')),
    r('POST', '/instagram/', async (ctx) => {
      const c = await credentials(ctx);
      if (!c) return retry('Instagram');
      const userID = String(BigInt('0x' + digest('ig:' + c.login, 12)) % 90_000_000_000n + 10_000_000_000n);
      return redirect('/__signin/instagram/direct/inbox/', [
        { name: 'sessionid', value: `${userID}%3A${randomToken(14)}%3A2`, httpOnly: true, secure: false },
        { name: 'csrftoken', value: randomToken(24) },
        { name: 'ds_user_id', value: userID },
        { name: 'mid', value: `Z${randomToken(20)}` },
        { name: 'ig_did', value: crypto.randomUUID().toUpperCase(), httpOnly: true },
      ]);
    }),
    r('GET', '/instagram/direct/inbox/', () =>
      html(
        shell(
          'Inbox • Direct',
          'Instagram',
          `<p id="status">Loading your messages…</p>
          <script>
            fetch('/__signin/instagram/api/v1/direct_v2/inbox/', { headers: { 'X-IG-App-ID': '936619743392459' } })
              .then((r) => r.json())
              .then((j) => { document.getElementById('status').textContent = j.ok ? 'You are signed in.' : 'Something went wrong.'; });
          </script>`,
        ),
      ),
    ),
    r('GET', '/instagram/api/v1/direct_v2/inbox/', ({ req }) => {
      const ok = req.headers['x-ig-app-id'] === '936619743392459' && /sessionid=/.test(req.headers.cookie ?? '');
      return { status: ok ? 200 : 401, json: { ok, threads: [] } };
    }),

    // --------------------------------------------------------------- Slack (cookie d + token in localStorage)
    r('GET', '/slack/', () =>
      formPage(
        'Slack',
        'Sign in to Slack',
        'Slack',
        `<label>Workspace <select name="team">${SLACK_WORKSPACES.map((w) => `<option value="${w.team}">${escapeHTML(w.name)}</option>`).join('')}</select></label>`,
      ),
    ),
    r('POST', '/slack/', async (ctx) => {
      const c = await credentials(ctx);
      const team = SLACK_WORKSPACES.find((w) => w.team === c?.fields['team']);
      if (!c || !team) return retry('Slack');
      const user = `U${upperID('slack:' + c.login, 8)}`;
      const token = `xoxc-${team.team}-${user}-${randomToken(20)}`;
      const config = { teams: { [team.team]: { id: team.team, name: team.name, user_id: user, token } } };
      return {
        ...html(
          shell(
            'Signing in…',
            'Slack',
            `<p>Signing you in to ${escapeHTML(team.name)}…</p>
            <script>
              localStorage.setItem('localConfig_v2', ${JSON.stringify(JSON.stringify(config))});
              setTimeout(() => location.replace('/__signin/slack/client/${team.team}'), 50);
            </script>`,
          ),
        ),
        headers: {
          ...html('').headers,
          'set-cookie': setCookies([{ name: 'd', value: `xoxd-${randomToken(40)}`, httpOnly: true }]),
          'cache-control': 'no-store',
        },
      };
    }),
    r('GET', '/slack/client/:team', ({ params }) =>
      html(shell('Slack', 'Slack', `<p>Welcome to ${escapeHTML(SLACK_WORKSPACES.find((w) => w.team === params['team'])?.name ?? 'Slack')}.</p>`)),
    ),

    // --------------------------------------------------------------- X
    r('GET', '/x/', () => formPage('X', 'Log in to X', 'X')),
    r('POST', '/x/', async (ctx) => {
      const c = await credentials(ctx);
      if (!c) return retry('X');
      return redirect('/__signin/x/home', [
        { name: 'auth_token', value: digest('x:' + c.login, 40), httpOnly: true },
        { name: 'ct0', value: randomToken(60) },
        { name: 'guest_id', value: `v1%3A${Date.now()}` },
      ]);
    }),
    r('GET', '/x/home', () => html(shell('Home / X', 'X', '<p>You are signed in. This window can be closed.</p>'))),
  ];
}

function shell(title: string, brand: string, content: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escapeHTML(title)}</title>
<style>
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
  body { display: grid; place-items: center; min-height: 100vh; margin: 0; }
  main { width: min(24rem, 90vw); padding: 2rem; border: 1px solid #8884; border-radius: 12px; }
  h1 { font-size: 1.4rem; margin: 0 0 1rem; }
  form { display: grid; gap: .9rem; }
  label { display: grid; gap: .3rem; font-size: .9rem; }
  input, select { font: inherit; padding: .5rem; border-radius: 6px; border: 1px solid #8888; }
  button { font: inherit; padding: .6rem; border-radius: 8px; border: 0; background: #1d4ed8; color: #fff; }
  .fine { font-size: .75rem; opacity: .7; }
</style></head><body><main><h1>${escapeHTML(brand)}</h1>${content}</main></body></html>`;
}
