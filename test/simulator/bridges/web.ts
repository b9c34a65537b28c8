/**
 * Cookie-based networks: Instagram, Slack, X (docs/beeper-desktop-api.md §8.6, 8.7, 8.9). Their `url` points at the
 * simulator's own fake sign-in pages (see ../signin.ts), which set exactly the cookies,
 * localStorage values and request headers these steps ask for.
 */
import { Codes, SimError } from '../errors.ts';
import { complete, cookieField, step, type BridgeDef, type Identity, type InputStepDef } from '../flow.ts';
import { randomToken } from '../ids.ts';
import { avatarFor, handleFor, nameFor } from '../identity.ts';
import { capabilities } from './capabilities.ts';

/** A current desktop Chrome UA, as the Meta and X connectors suggest (no `Electron/…` token). */
export const CHROME_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36';

// ----------------------------------------------------------------------------------- Instagram

export const instagram: BridgeDef = {
  id: 'local-instagram',
  displayName: 'Instagram',
  provider: 'local',
  type: 'instagram',
  network: 'Instagram',
  supportsMultipleAccounts: true,
  removeScopes: ['current-device'],
  unknownFlow: 'not_found',
  completeStepID: 'fi.mau.meta.complete',
  capabilities: capabilities({ username: true, groups: true }),
  flows: [
    {
      id: 'instagram',
      name: 'Instagram',
      description: 'Sign in to Instagram in a browser window',
      start: (ctx) =>
        step({
          type: 'cookies',
          stepID: 'fi.mau.meta.cookies',
          url: `${ctx.baseURL}/__signin/instagram/`,
          userAgent: CHROME_UA,
          instructions: 'Log in to Instagram. The window closes by itself once you reach your inbox.',
          expectedFinalURLRegex: '^https?://[^/]+/__signin/instagram/direct/inbox/?$',
          // The fake page lives on the simulator's host, so that is the cookies' domain.
          fields: [
            ...['sessionid', 'csrftoken', 'ds_user_id', 'mid', 'ig_did'].map((name) => cookieField(name, { cookieDomain: new URL(ctx.baseURL).hostname })),
            // [GUESS] a request-header field, so header capture is exercised.
            { id: 'x-ig-app-id', sources: [{ type: 'request_header', name: 'X-IG-App-ID', requestURLRegex: '/__signin/instagram/api/' }] },
          ],
          // Meta ends the login on missing cookies: a 200 session with status `failed`.
          onMissing: 'fail',
          missingFailure: { code: 'FI.MAU.META_MISSING_COOKIES', message: 'Missing cookies: please log in again' },
          submit: (values) => {
            const key = `ig:${values['ds_user_id']}`;
            return complete({
              remoteKey: key,
              user: { username: handleFor(key).replace('.', '_'), fullName: nameFor(key), imgURL: avatarFor(key) },
            });
          },
        }),
    },
  ],
};

// ----------------------------------------------------------------------------------- Slack

/** Slack's extract_js: reads the signed-in workspace's token from localStorage.localConfig_v2. */
export const SLACK_EXTRACT_JS = `new Promise((resolve) => {
  try {
    const config = JSON.parse(localStorage.getItem('localConfig_v2') || '{}');
    const teams = Object.values(config.teams || {});
    const team = teams.find((t) => t && t.token) || null;
    resolve(team ? { auth_token: team.token } : {});
  } catch (e) {
    resolve({});
  }
})`;

function slackParts(token: string): { team: string; user: string } {
  const m = /^xoxc-(T[A-Z0-9]+)-(U[A-Z0-9]+)-/.exec(token);
  if (m) return { team: m[1]!, user: m[2]! };
  const h = [...token].reduce((acc, ch) => (acc * 31 + ch.charCodeAt(0)) >>> 0, 7).toString(36).toUpperCase();
  return { team: `T${h.slice(0, 8)}`, user: `U${h.slice(-8)}` };
}

export const slackIdentity = (
  team: string,
  user: string,
  teamName: string,
  extraTeams: Array<{ team: string; name: string }> = [],
  fullName: string = nameFor(`${team}-${user}`),
): Identity => {
  const key = `${team}-${user}`;
  const handle = fullName.toLowerCase().normalize('NFD').replace(/[^a-z ]/g, '').replace(' ', '.');
  return {
    remoteKey: key,
    user: { username: handle, fullName, email: `${handle}@${teamName.toLowerCase().replace(/[^a-z]/g, '')}.example`, imgURL: avatarFor(key, fullName) },
    accounts: [{ suffix: key, network: `Slack (${teamName})` }, ...extraTeams.map((t) => ({ suffix: `${t.team}-${user}`, network: `Slack (${t.name})` }))],
  };
};

/** The code Slack "emails" in the email flow (the simulator has no mailbox). */
export const SLACK_EMAIL_CODE = '424242';

/** A captcha image with its answer drawn in it, as an SVG attachment [GUESS: real ones are PNG]. */
function captchaAttachment(answer: string): { type: string; filename: string; content: string; info: { mimetype: string; w: number; h: number } } {
  const letters = [...answer]
    .map((ch, i) => `<text x="${22 + i * 30}" y="${44 + (i % 2) * 8}" font-family="monospace" font-size="30" font-weight="700" fill="#333" transform="rotate(${(i % 3) * 6 - 6} ${22 + i * 30} 40)">${ch}</text>`)
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="70" viewBox="0 0 200 70"><title>${answer}</title><rect width="200" height="70" fill="#f3f0e8"/><path d="M5 50 Q60 10 120 45 T195 20" stroke="#a88" stroke-width="2" fill="none"/>${letters}</svg>`;
  return { type: 'm.image', filename: 'captcha.svg', content: Buffer.from(svg).toString('base64'), info: { mimetype: 'image/svg+xml', w: 200, h: 70 } };
}

const slackWorkspaceStep = (email: string): InputStepDef => ({
  type: 'user_input',
  stepID: 'fi.mau.slack.login.select_workspace',
  instructions: 'Your email address belongs to several workspaces. Choose one.',
  fields: [{ id: 'workspace', type: 'select', label: 'Workspace', options: SLACK_WORKSPACES.map((w) => w.name), pattern: `^(${SLACK_WORKSPACES.map((w) => w.name).join('|')})$` }],
  submit: (values) => {
    const ws = SLACK_WORKSPACES.find((w) => w.name === values['workspace'])!;
    const user = `U${[...email].reduce((a, c) => (a * 33 + c.charCodeAt(0)) >>> 0, 5).toString(36).toUpperCase().slice(0, 8).padEnd(8, '0')}`;
    return complete(slackIdentity(ws.team, user, ws.name));
  },
});

const slackEmailCodeStep = (email: string): InputStepDef => ({
  type: 'user_input',
  stepID: 'fi.mau.slack.login.enter_email_code',
  instructions: `We emailed a code to ${email}.`,
  fields: [{ id: 'code', type: '2fa_code', label: 'Code', placeholder: 'The 6-digit code from the email', pattern: '^[0-9]{6}$' }],
  submit: (values) =>
    values['code'] === SLACK_EMAIL_CODE ? step(slackWorkspaceStep(email)) : { reject: new SimError(400, Codes.BAD_JSON, 'That code is not right. Check the email and try again.') },
});

function slackCaptchaStep(email: string, retry: boolean): InputStepDef {
  const answer = randomToken(6).replace(/[^A-Za-z0-9]/g, 'x').slice(0, 5).toUpperCase();
  return {
    type: 'user_input',
    stepID: retry ? 'fi.mau.slack.login.email_captcha.incorrect' : 'fi.mau.slack.login.email_captcha',
    instructions: retry ? 'That did not match. Type the characters in the new picture.' : 'Type the characters you see in the picture.',
    fields: [{ id: 'captcha_token', type: 'captcha_code', label: 'Characters in the picture' }],
    attachments: [captchaAttachment(answer)],
    submit: (values) => (values['captcha_token']?.trim().toUpperCase() === answer ? step(slackEmailCodeStep(email)) : step(slackCaptchaStep(email, true))),
  };
}

const slackEmailStep: InputStepDef = {
  type: 'user_input',
  stepID: 'fi.mau.slack.login.enter_email',
  fields: [{ id: 'email', type: 'email', label: 'Email address', placeholder: 'The address you use for Slack' }],
  submit: (values) => {
    const email = values['email']?.trim().toLowerCase() ?? '';
    return email.includes('@') ? step(slackCaptchaStep(email, false)) : { reject: new SimError(400, Codes.BAD_JSON, 'Enter an email address.') };
  },
};

export const slack: BridgeDef = {
  id: 'slackgo',
  displayName: 'Slack',
  provider: 'cloud',
  type: 'slackgo',
  network: 'Slack',
  supportsMultipleAccounts: true,
  removeScopes: ['current-device', 'all-devices'],
  unknownFlow: 'not_found',
  completeStepID: 'fi.mau.slack.login.complete',
  capabilities: capabilities({ username: true, email: true, groups: true }),
  // Login ID = team ID + user ID; one account per workspace (`slackgo.TEAM-USER`).
  loginIDFor: (identity) => identity.remoteKey,
  accountIDsFor: (loginID, identity) =>
    identity.accounts?.length ? identity.accounts.map((a) => `slackgo.${a.suffix}`) : [`slackgo.${loginID}`],
  flows: [
    {
      id: 'token',
      name: 'Auth token & cookie',
      description: 'Sign in to your Slack workspace in a browser window',
      start: (ctx) =>
        step({
          type: 'cookies',
          stepID: 'fi.mau.slack.login.enter_auth_token',
          url: `${ctx.baseURL}/__signin/slack/`,
          instructions: 'Sign in to your Slack workspace. The window closes by itself once Slack opens.',
          expectedFinalURLRegex: '^https?://[^/]+/__signin/slack/client/',
          extractJS: SLACK_EXTRACT_JS,
          fields: [
            // Found by extractJS (bridgev2 "special" source fi.mau.slack.auth_token): no type on the flat shape.
            { id: 'auth_token', pattern: '^xoxc-.+$', sources: [{ type: 'special', name: 'fi.mau.slack.auth_token' }] },
            cookieField('d', { id: 'cookie_token', cookieDomain: new URL(ctx.baseURL).hostname, pattern: '^xoxd-.+$' }),
          ],
          onMissing: 'reject',
          submit: (values) => {
            const { team, user } = slackParts(values['auth_token'] ?? '');
            return complete(slackIdentity(team, user, teamNameFor(team)));
          },
        }),
    },
    {
      id: 'email',
      name: 'Email',
      description: 'Sign in with your email address and a code Slack emails you',
      start: () => step(slackEmailStep),
    },
  ],
};

/** Workspaces offered by the fake Slack sign-in page. */
export const SLACK_WORKSPACES = [
  { team: 'T0ACME001', name: 'Acme Inc' },
  { team: 'T0GLOBEX2', name: 'Globex' },
  { team: 'T0INITECH', name: 'Initech' },
];
const teamNameFor = (team: string): string => SLACK_WORKSPACES.find((w) => w.team === team)?.name ?? 'Slack workspace';

// ----------------------------------------------------------------------------------- X (Twitter)

export const twitter: BridgeDef = {
  id: 'local-twitter',
  displayName: 'X',
  provider: 'local',
  type: 'twitter',
  network: 'X',
  supportsMultipleAccounts: false,
  removeScopes: ['current-device'],
  unknownFlow: 'not_found',
  completeStepID: 'fi.mau.twitter.login.complete',
  capabilities: capabilities({ username: true, groups: true }),
  flows: [
    {
      id: 'cookies',
      name: 'Cookies',
      description: 'Sign in to X in a browser window',
      start: (ctx) =>
        step({
          type: 'cookies',
          stepID: 'fi.mau.twitter.login.enter_cookies',
          url: `${ctx.baseURL}/__signin/x/`,
          userAgent: CHROME_UA,
          instructions: 'Log in to X. The window closes by itself once your home timeline opens.',
          expectedFinalURLRegex: '^https?://[^/]+/__signin/x/home',
          fields: [cookieField('ct0', { cookieDomain: new URL(ctx.baseURL).hostname }), cookieField('auth_token', { cookieDomain: new URL(ctx.baseURL).hostname })],
          onMissing: 'reject',
          submit: (values) => {
            const key = `x:${values['auth_token']}`;
            return complete({
              remoteKey: key,
              user: { username: handleFor(key).replace('.', ''), fullName: nameFor(key), imgURL: avatarFor(key) },
            });
          },
        }),
    },
  ],
};
