/**
 * fast-check generators of Beeper Desktop answers: everything the SDK's types allow, and what a
 * newer server may add — `null` for any optional field, fields this app does not know, enum
 * values newer than it, step and display types it has never seen.
 */
import fc from 'fast-check';

type Arbs = Record<string, fc.Arbitrary<unknown>>;

/** A field this app does not know, under a name no model uses. */
const extras = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 8 }).map((k) => `x_${k}`),
  fc.jsonValue({ maxDepth: 2 }),
  { maxKeys: 2 },
);

/** An object with its required fields, each optional field absent, `null` or set, and maybe unknown extras. */
export function sdkObject(required: Arbs, optional: Arbs = {}): fc.Arbitrary<Record<string, unknown>> {
  const maybe = Object.fromEntries(Object.entries(optional).map(([k, a]) => [k, fc.oneof({ weight: 3, arbitrary: a }, { weight: 1, arbitrary: fc.constant(null) })]));
  return fc
    .tuple(fc.record(required), fc.record(maybe, { requiredKeys: [] }), extras)
    .map(([r, o, x]) => ({ ...x, ...o, ...r }));
}

/** One of the SDK's values, or a newer one. */
export const enumish = (...values: string[]): fc.Arbitrary<string> => fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });

const id = fc.string({ minLength: 1, maxLength: 12 });
const text = fc.string({ maxLength: 20 });

export const user = sdkObject({ id }, { username: text, phoneNumber: text, email: text, fullName: text, imgURL: text, cannotMessage: fc.boolean(), isSelf: fc.boolean() });

const accountBridge = sdkObject({ id, provider: enumish('cloud', 'self-hosted', 'local', 'platform-sdk'), type: text });

export const account = sdkObject(
  { accountID: id, user },
  {
    bridge: accountBridge,
    status: enumish('connected', 'connecting', 'backfilling', 'connection_required', 'reconnect_required', 'attention_required', 'disconnected', 'disabled'),
    loginID: id,
    network: text,
    statusText: text,
  },
);

export const bridge = sdkObject(
  {
    id,
    accounts: fc.array(account, { maxLength: 3 }),
    activeAccountCount: fc.nat(5),
    displayName: text,
    provider: enumish('cloud', 'self-hosted', 'local', 'platform-sdk'),
    status: enumish('available', 'connected', 'limit_reached', 'temporarily_unavailable', 'disabled'),
    supportsMultipleAccounts: fc.boolean(),
    type: text,
  },
  { network: text, statusText: text },
);

export const login = sdkObject(
  { bridgeID: id, loginID: id, removeScopes: fc.array(enumish('current-device', 'all-devices'), { maxLength: 3 }), status: enumish('connected', 'connecting', 'needs_login', 'logged_out', 'unknown') },
  { accountIDs: fc.array(id, { maxLength: 3 }), statusText: text, user },
);

const inputField = sdkObject({ id }, { label: text, placeholder: text, initialValue: text, optional: fc.boolean(), type: enumish('text', 'password', 'phone_number', 'email', '2fa_code', 'select'), pattern: fc.constantFrom('^[0-9]+$', '(', 'a+'), options: fc.array(text, { maxLength: 3 }) });

const cookieSource = sdkObject({ type: enumish('cookie', 'local_storage', 'request_header', 'request_body', 'special'), name: id }, { cookieDomain: text, requestURLRegex: text });
const cookieField = sdkObject({ id }, { name: text, type: enumish('cookie', 'header', 'local_storage'), required: fc.boolean(), pattern: text, sources: fc.array(cookieSource, { maxLength: 3 }) });

const display = fc.oneof(
  sdkObject({ type: fc.constant('qr'), data: text }),
  sdkObject({ type: fc.constant('emoji') }, { imageURL: fc.constantFrom('data:image/png;base64,AAAA', 'https://x.example/e.png', 'mxc://x/e', 'javascript:alert(1)'), data: text }),
  sdkObject({ type: fc.constant('code'), data: text }),
  sdkObject({ type: fc.constant('nothing') }),
  sdkObject({ type: fc.string({ maxLength: 10 }) }, { data: text }),
);

export const step = fc.oneof(
  sdkObject({ type: fc.constant('user_input'), stepID: id, fields: fc.array(inputField, { maxLength: 3 }) }, { instructions: text, attachments: fc.array(fc.oneof(fc.jsonValue({ maxDepth: 1 }), sdkObject({}, { type: text, filename: text, content: text })), { maxLength: 2 }) }),
  sdkObject({ type: fc.constant('cookies'), stepID: id, url: fc.constantFrom('https://x.example/login', 'not a url'), fields: fc.array(cookieField, { maxLength: 3 }) }, { expectedFinalURLRegex: text, extractJS: text, instructions: text, userAgent: text }),
  sdkObject({ type: fc.constant('display_and_wait'), stepID: id, display }, { instructions: text }),
  sdkObject({ type: fc.constant('complete') }, { stepID: id, account, login, instructions: text }),
  sdkObject({ type: fc.string({ maxLength: 12 }), stepID: id }, { instructions: text }),
);

export const SESSION_STATUSES = ['waiting_for_input', 'waiting_for_cookies', 'waiting_for_display', 'complete', 'cancelled', 'failed'];

export const loginSession = sdkObject(
  { bridgeID: id, loginSessionID: id, status: enumish(...SESSION_STATUSES) },
  { currentStep: step, account, accountID: id, loginID: id, login, error: sdkObject({ code: text, message: text }, { details: fc.dictionary(text, fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 }) }) },
);

/** An answer that is not even an object of the right kind. */
export const garbage = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(null), fc.constant('') as fc.Arbitrary<unknown>);
