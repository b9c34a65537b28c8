/**
 * Server profiles: what kind of Beeper Desktop the simulator pretends to be. The simulator's state
 * and scenarios are written once; each profile decides only what reaches the wire.
 *
 * - `sdk`: exactly the fields the SDK's models define, and nothing more. Cookie fields are flat
 *   `{id, name?, type?}`; no `required`, `pattern` or `options` on any field; the emoji is a
 *   `data:` URL; avatars are remote `https://` or `mxc://` URLs.
 * - `bridgev2` (the default): the SDK fields plus what bridgev2 passes through: cookie fields with
 *   `required`, `pattern` and `sources[]` (camelCase), text fields with `pattern` and `options`.
 * - `future`: a newer Beeper Desktop. Everything of `bridgev2`, plus: a field this app does not know
 *   on every object, `null` for every absent optional field, enum values newer than the SDK (from
 *   each bridge's `future` values), accounts without `bridge`, and the `future`-only bridges.
 *
 * See docs/beeper-desktop-api.md for which guess each profile exercises.
 */
import { emojiSVG } from './bridges/messaging.ts';
import type { BridgeDef, SimDisplay } from './flow.ts';
import type { WireAccount, WireBridge, WireBridgeLogin, WireCookieField, WireDisplay, WireInputField, WireLoginSession, WireStep, WireUser } from './wire.ts';

export const PROFILES = ['sdk', 'bridgev2', 'future'] as const;
export type Profile = (typeof PROFILES)[number];
export const DEFAULT_PROFILE: Profile = 'bridgev2';

/** A profile named on a command line; an unknown name is a clear error. */
export function parseProfile(name: string): Profile {
  if ((PROFILES as readonly string[]).includes(name)) return name as Profile;
  throw new Error(`Unknown profile "${name}": use one of ${PROFILES.join(', ')}.`);
}

type Json = Record<string, unknown>;

/** The unknown field a newer server adds to every object. */
export const FUTURE_FIELD = 'futureField';
const futureExtra = (): Json => ({ [FUTURE_FIELD]: { addedIn: '5.0', note: 'a field this app does not know' } });

/** Optional fields per object, as the SDK names them: `future` sends `null` for each one absent. */
const OPTIONAL = {
  user: ['username', 'phoneNumber', 'email', 'fullName', 'imgURL', 'cannotMessage', 'isSelf'],
  account: ['network', 'statusText', 'loginID', 'capabilities'],
  bridge: ['network', 'statusText'],
  login: ['accountIDs', 'statusText', 'user'],
  session: ['currentStep', 'account', 'accountID', 'loginID', 'login', 'error'],
  step: ['instructions'],
  inputField: ['label', 'placeholder', 'initialValue', 'optional', 'type'],
  cookieField: ['name', 'type'],
} as const;

function withNulls(obj: Json, keys: readonly string[]): Json {
  const out: Json = { ...obj };
  for (const k of keys) if (out[k] === undefined) out[k] = null;
  return { ...out, ...futureExtra() };
}

const pick = (obj: object, keys: readonly string[]): Json => {
  const out: Json = {};
  for (const k of keys) {
    const v = (obj as Json)[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
};

// ------------------------------------------------------------------------------------- users

const SDK_USER = ['id', 'username', 'phoneNumber', 'email', 'fullName', 'imgURL', 'cannotMessage', 'isSelf'];

function user(u: WireUser, profile: Profile): Json {
  if (profile === 'sdk') {
    const out = pick(u, SDK_USER);
    // A real server sends remote avatars (often mxc://), which an app must not load as they are.
    if (typeof out['imgURL'] === 'string') out['imgURL'] = u.id.length % 2 === 0 ? `mxc://beeper.com/${encodeURIComponent(u.id)}` : `https://avatars.beeper.example/${encodeURIComponent(u.id)}.png`;
    return out;
  }
  return profile === 'future' ? withNulls({ ...u }, OPTIONAL.user) : { ...u };
}

// ------------------------------------------------------------------------------------- accounts, bridges, logins

const SDK_ACCOUNT = ['accountID', 'bridge', 'status', 'user', 'capabilities', 'loginID', 'network', 'statusText'];

export function presentAccount(a: WireAccount, def: BridgeDef | undefined, profile: Profile, where: 'accounts' | 'bridge' = 'accounts'): Json {
  const base = profile === 'sdk' ? pick(a, SDK_ACCOUNT) : { ...a };
  base['user'] = user(a.user, profile);
  if (profile !== 'future') return base;
  const future = def?.future ?? {};
  if (future.provider) base['bridge'] = { ...a.bridge, provider: future.provider };
  if (future.accountStatus && a.status) base['status'] = future.accountStatus;
  // Desktop before 4.2.785 sent accounts without `bridge`; the bridge's own list still names them.
  if (future.accountsWithoutBridge && where === 'accounts') delete base['bridge'];
  else base['bridge'] = { ...(base['bridge'] as Json), ...futureExtra() };
  return withNulls(base, OPTIONAL.account);
}

const SDK_BRIDGE = ['id', 'accounts', 'activeAccountCount', 'displayName', 'provider', 'status', 'supportsMultipleAccounts', 'type', 'network', 'statusText'];

export function presentBridge(b: WireBridge, def: BridgeDef | undefined, profile: Profile): Json {
  const base = profile === 'sdk' ? pick(b, SDK_BRIDGE) : { ...b };
  base['accounts'] = b.accounts.map((a) => presentAccount(a, def, profile, 'bridge'));
  if (profile !== 'future') return base;
  if (def?.future?.provider) base['provider'] = def.future.provider;
  if (def?.future?.status) base['status'] = def.future.status;
  return withNulls(base, OPTIONAL.bridge);
}

const SDK_LOGIN = ['bridgeID', 'loginID', 'removeScopes', 'status', 'accountIDs', 'statusText', 'user'];

export function presentLogin(l: WireBridgeLogin, def: BridgeDef | undefined, profile: Profile): Json {
  const base = profile === 'sdk' ? pick(l, SDK_LOGIN) : { ...l };
  if (l.user) base['user'] = user(l.user, profile);
  if (profile !== 'future') return base;
  if (def?.future?.loginStatus) base['status'] = def.future.loginStatus;
  if (def?.future?.extraRemoveScope) base['removeScopes'] = [...l.removeScopes, def.future.extraRemoveScope];
  return withNulls(base, OPTIONAL.login);
}

// ------------------------------------------------------------------------------------- login sessions

/** The display as each profile serves it: the emoji as an http URL, an inline data: URL, or an mxc: URL. */
export function presentDisplay(d: SimDisplay, profile: Profile, baseURL: string): WireDisplay {
  switch (d.type) {
    case 'emoji':
      if (profile === 'sdk') return { type: 'emoji', imageURL: `data:image/svg+xml;base64,${Buffer.from(emojiSVG(d.emoji)).toString('base64')}` };
      if (profile === 'future') return { type: 'emoji', imageURL: `mxc://beeper.com/emoji-${d.emoji.name}`, ...futureExtra() };
      return { type: 'emoji', imageURL: `${baseURL}/__sim/emoji/${d.emoji.name}.svg` };
    case 'future':
      return { ...d.wire };
    default:
      return profile === 'future' ? { ...d, ...futureExtra() } : { ...d };
  }
}

const SDK_INPUT_FIELD = ['id', 'label', 'placeholder', 'initialValue', 'optional', 'type'];
const FLAT_COOKIE_TYPE: Record<string, 'cookie' | 'header' | 'local_storage'> = { cookie: 'cookie', request_header: 'header', local_storage: 'local_storage' };

/** The SDK's flat cookie field is the first source's name and kind; `special` and body sources have no flat kind. */
function flatCookieField(f: WireCookieField): Json {
  const source = f.sources?.[0];
  const out: Json = { id: f.id };
  if (source) {
    out['name'] = source.name;
    const type = FLAT_COOKIE_TYPE[source.type];
    if (type) out['type'] = type;
  }
  return out;
}

function presentStep(s: WireStep, def: BridgeDef | undefined, profile: Profile): Json {
  const base: Json = { ...s };
  if (s.type === 'user_input') {
    const fields = (s.fields as WireInputField[]).map((f) =>
      profile === 'sdk' ? pick(f, SDK_INPUT_FIELD) : profile === 'future' ? withNulls({ ...f }, OPTIONAL.inputField) : { ...f },
    );
    base['fields'] = fields;
  } else if (s.type === 'cookies') {
    base['fields'] = (s.fields as WireCookieField[]).map((f) => {
      const flat = flatCookieField(f);
      if (profile === 'sdk') return flat;
      const rich = { ...flat, required: f.required !== false, ...(f.pattern ? { pattern: f.pattern } : {}), sources: f.sources ?? [] };
      if (profile !== 'future') return rich;
      // A source kind this app does not know, beside the ones it does (any one source suffices).
      return withNulls({ ...rich, sources: [...rich.sources, { type: 'indexed_db', name: `${f.id}-store` }] }, OPTIONAL.cookieField);
    });
  } else if (s.type === 'complete') {
    if (s['account']) base['account'] = presentAccount(s['account'] as WireAccount, def, profile);
    if (s['login']) base['login'] = presentLogin(s['login'] as WireBridgeLogin, def, profile);
  }
  return profile === 'future' ? withNulls(base, OPTIONAL.step) : base;
}

export function presentSession(s: WireLoginSession, def: BridgeDef | undefined, profile: Profile): Json {
  const base: Json = { ...s };
  if (s.currentStep) base['currentStep'] = presentStep(s.currentStep, def, profile);
  if (s.account) base['account'] = presentAccount(s.account, def, profile);
  if (s.login) base['login'] = presentLogin(s.login, def, profile);
  return profile === 'future' ? withNulls(base, OPTIONAL.session) : base;
}

/** Whether a bridge is served in this profile (the `future`-only bridges are hidden elsewhere). */
export const servedIn = (def: BridgeDef, profile: Profile): boolean => !def.profiles || def.profiles.includes(profile);
