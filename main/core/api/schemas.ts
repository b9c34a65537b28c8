/**
 * Runtime schemas for Beeper Desktop API answers (docs/beeper-desktop-api.md, Gen D). They accept
 * every answer the SDK's types allow and degrade on anything newer instead of failing:
 * - unknown extra fields are stripped, and `null` counts as absent (`withoutNulls`, applied first);
 * - enum values newer than this app map to a neutral value (`unknown`);
 * - one malformed item in a list is skipped (and reported), never the whole list;
 * - a step, session status or display this app does not know is kept as `unknown` with its raw
 *   type, so the session engine can show a clear screen;
 * - cookie fields in any of the three shapes (SDK flat, flat with extras, bridgev2 `sources[]`)
 *   become one `CookieField` with its sources.
 */
import { z } from 'zod';
import { PROVIDERS } from '../../../preload/contract/providers.ts';
import { ACCOUNT_STATUSES, BRIDGE_STATUSES, LOGIN_STATUSES } from '../../../preload/contract/statuses.ts';

export { BRIDGE_STATUSES };
import { RemoveScopeSchema } from '../../../preload/contract/views.ts';
import { lookup } from '../lookup.ts';

/** `null` means absent: drops null-valued properties, at every depth (list items are left to the lists). */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = withoutNulls(v);
  return out;
}

/**
 * What a lenient list (or a step read as unknown) skipped, kept on the parsed value itself, not
 * enumerable, so it is never sent or compared; `parseCollectingSkipped` gathers it.
 */
const SKIPPED = Symbol('skipped');
const markSkipped = <T extends object>(value: T, skipped: string[]): T => (skipped.length > 0 ? Object.defineProperty(value, SKIPPED, { value: skipped }) : value);

/** Parses a value, and collects what the lenient lists in it skipped on the way. */
export function parseCollectingSkipped<S extends z.ZodType>(schema: S, data: unknown): { result: ReturnType<S['safeParse']>; skipped: string[] } {
  const result = schema.safeParse(withoutNulls(data)) as ReturnType<S['safeParse']>;
  const skipped: string[] = [];
  if (result.success) collectSkipped(result.data, skipped);
  return { result, skipped };
}

function collectSkipped(value: unknown, into: string[]): void {
  if (value === null || typeof value !== 'object') return;
  into.push(...((value as { [SKIPPED]?: string[] })[SKIPPED] ?? []));
  for (const v of Object.values(value)) collectSkipped(v, into);
}

/** Where a value went wrong, for logs and error messages: `fields.0.id`, or `root` for the value itself. */
export const issuePath = (issue: { path: PropertyKey[] } | undefined): string => issue?.path.map(String).join('.') || 'root';

/** A list whose malformed items are skipped and reported, never failing the whole list. */
export function lenientList<S extends z.ZodType>(item: S, what: string) {
  return z.array(z.unknown()).transform((items) => {
    const kept: Array<z.output<S>> = [];
    const skipped: string[] = [];
    items.forEach((raw, i) => {
      const r = item.safeParse(raw);
      if (r.success) kept.push(r.data);
      else skipped.push(`${what} #${i} (${issuePath(r.error.issues[0])})`);
    });
    return markSkipped(kept, skipped);
  });
}

/** A string enum that maps values it does not know to `fallback` instead of rejecting them. */
function lenientEnum<const T extends readonly [string, ...string[]], F extends string>(values: T, fallback: F) {
  return z.string().transform((v): T[number] | F => ((values as readonly string[]).includes(v) ? (v as T[number]) : fallback));
}

const optionalString = z.string().optional();
/** A field the app can do without: a malformed value is dropped rather than failing its object. */
const spare = <S extends z.ZodType>(schema: S) => schema.optional().catch(undefined);

export const UserSchema = z.object({
  id: z.string(),
  username: optionalString,
  phoneNumber: optionalString,
  email: optionalString,
  fullName: optionalString,
  imgURL: optionalString,
  cannotMessage: spare(z.boolean()),
  isSelf: spare(z.boolean()),
});
export type User = z.infer<typeof UserSchema>;


export const AccountSchema = z.object({
  accountID: z.string(),
  /** Absent before Desktop 4.2.785: the accounts model finds the bridge another way. */
  bridge: z
    .object({
      id: z.string(),
      provider: lenientEnum(PROVIDERS, 'unknown'),
      type: z.string(),
    })
    .optional(),
  /** Absent in the older Account shape. */
  status: lenientEnum(ACCOUNT_STATUSES, 'unknown').optional(),
  user: UserSchema,
  loginID: optionalString,
  network: optionalString,
  statusText: optionalString,
});
export type Account = z.infer<typeof AccountSchema>;

export const BridgeSchema = z.object({
  id: z.string(),
  accounts: lenientList(AccountSchema, 'account of a bridge').default([]),
  activeAccountCount: z.number().int().nonnegative().default(0),
  displayName: z.string(),
  provider: lenientEnum(PROVIDERS, 'unknown'),
  status: lenientEnum(BRIDGE_STATUSES, 'unknown'),
  supportsMultipleAccounts: z.boolean().default(false),
  type: z.string(),
  network: optionalString,
  statusText: optionalString,
});
export type Bridge = z.infer<typeof BridgeSchema>;

/** The removal scopes this app knows: the contract's (one list for the API and the window). */
const REMOVE_SCOPES = RemoveScopeSchema.options;
export type RemoveScope = (typeof REMOVE_SCOPES)[number];

export const BridgeLoginSchema = z.object({
  bridgeID: z.string(),
  loginID: z.string(),
  // Scopes this app does not know are dropped: it cannot offer them.
  removeScopes: z.array(z.string()).transform((scopes) => scopes.filter((s): s is RemoveScope => (REMOVE_SCOPES as readonly string[]).includes(s))),
  status: lenientEnum(LOGIN_STATUSES, 'unknown'),
  accountIDs: lenientList(z.string(), 'account ID').optional(),
  statusText: optionalString,
  user: spare(UserSchema),
});
export type BridgeLogin = z.infer<typeof BridgeLoginSchema>;

export const LoginFlowSchema = z.object({ id: z.string().min(1), name: optionalString, description: optionalString });
export type LoginFlow = z.infer<typeof LoginFlowSchema>;

// ------------------------------------------------------------------ steps

export const InputFieldSchema = z.object({
  id: z.string().min(1),
  label: optionalString,
  placeholder: optionalString,
  initialValue: optionalString,
  optional: spare(z.boolean()),
  type: optionalString,
  /** Not in the SDK typings; read when Desktop passes bridgev2's pattern/options through. */
  pattern: spare(z.string()),
  options: spare(z.array(z.string())),
});
export type InputField = z.infer<typeof InputFieldSchema>;

export const AttachmentSchema = z.object({
  type: optionalString,
  filename: optionalString,
  content: optionalString,
  info: spare(z.object({ mimetype: optionalString, w: spare(z.number()), h: spare(z.number()), size: spare(z.number()) })),
});

// ------------------------------------------------------------------ cookie fields

/** bridgev2's cookie sources. `request_body` is read by no capture here: such a field is pasted by hand. */
export const COOKIE_SOURCE_TYPES = ['cookie', 'local_storage', 'request_header', 'request_body', 'special'] as const;
export type CookieSourceType = (typeof COOKIE_SOURCE_TYPES)[number];

export interface CookieSource {
  type: CookieSourceType;
  /** Cookie name, header name, storage key, body field, or the special ID extractJS may return. */
  name: string;
  /** Which site's cookie (`cookie` sources). */
  cookieDomain?: string | undefined;
  /** Which requests to read (`request_header` and `request_body` sources). */
  requestURLRegex?: string | undefined;
}

/** One cookie field, whatever shape it came in. Any one of its sources suffices. */
export interface CookieField {
  id: string;
  /** What to call it: the server's name, else its first source's name, else its ID. */
  name: string;
  /** `undefined` when the server does not say (the SDK shape): see main/policy/cookie-capture.ts. */
  required: boolean | undefined;
  pattern: string | undefined;
  sources: CookieSource[];
}

/**
 * When a cookie field must have a value (one rule for the manual form, the capture window and the
 * submit): `required: true` always, `required: false` never, and a field whose server did not say
 * (the SDK's shape has no flag) until the sign-in page reaches its final URL.
 */
export type CookieFieldNeed = 'always' | 'never' | 'until-final-page';
export function cookieFieldNeed(f: Pick<CookieField, 'required'>): CookieFieldNeed {
  return f.required === true ? 'always' : f.required === false ? 'never' : 'until-final-page';
}

const CookieSourceSchema = z.object({ type: z.enum(COOKIE_SOURCE_TYPES), name: z.string().min(1), cookieDomain: spare(z.string()), requestURLRegex: spare(z.string()) });

/** The SDK's flat `type` as a source kind; no type (or one this app does not know) means `special`. */
const FLAT_SOURCE: Record<string, CookieSourceType> = { cookie: 'cookie', header: 'request_header', local_storage: 'local_storage' };

export const CookieFieldSchema = z
  .object({
    id: z.string().min(1),
    name: optionalString,
    type: optionalString,
    required: spare(z.boolean()),
    pattern: spare(z.string()),
    cookieDomain: spare(z.string()),
    requestURLRegex: spare(z.string()),
    // Sources of kinds this app does not know are skipped: any one source suffices.
    sources: spare(lenientList(CookieSourceSchema, 'cookie source')),
  })
  .transform((f): CookieField => {
    const flat: CookieSource = { type: lookup(FLAT_SOURCE, f.type) ?? 'special', name: f.name ?? f.id, cookieDomain: f.cookieDomain, requestURLRegex: f.requestURLRegex };
    const sources = f.sources && f.sources.length > 0 ? f.sources : [flat];
    return { id: f.id, name: f.name ?? sources[0]!.name, required: f.required, pattern: f.pattern, sources };
  });

// ------------------------------------------------------------------ displays and steps

/** Parses `value` by its `type` with the matching schema; a type it does not know, or a malformed one, is `unknown`. */
function byType<M extends Record<string, z.ZodType>>(kind: string, schemas: M) {
  return z.unknown().transform((value): z.output<M[keyof M]> | { type: 'unknown'; rawType: string; stepID: string | undefined; instructions: string | undefined } => {
    const obj = Object(value) as Record<string, unknown>; // null and primitives have none of the keys read here
    const rawType = typeof obj['type'] === 'string' ? obj['type'] : '(none)';
    const schema = lookup(schemas, rawType);
    const parsed = schema?.safeParse(value);
    if (parsed?.success) return parsed.data as z.output<M[keyof M]>;
    const str = (k: string): string | undefined => (typeof obj[k] === 'string' ? obj[k] : undefined);
    const skipped = parsed ? [`${kind} ${rawType} (${issuePath(parsed.error.issues[0])})`] : [];
    return markSkipped({ type: 'unknown' as const, rawType, stepID: str('stepID'), instructions: str('instructions') }, skipped);
  });
}

export const DisplaySchema = byType('display', {
  qr: z.object({ type: z.literal('qr'), data: z.string() }),
  emoji: z.object({ type: z.literal('emoji'), imageURL: spare(z.string()), data: spare(z.string()) }),
  code: z.object({ type: z.literal('code'), data: z.string() }),
  nothing: z.object({ type: z.literal('nothing') }),
});

const UserInputStepSchema = z.object({
  type: z.literal('user_input'),
  stepID: z.string().min(1),
  fields: lenientList(InputFieldSchema, 'input field'),
  instructions: optionalString,
  attachments: spare(lenientList(AttachmentSchema, 'attachment')),
});
const CookiesStepSchema = z.object({
  type: z.literal('cookies'),
  stepID: z.string().min(1),
  url: z.string().min(1),
  fields: lenientList(CookieFieldSchema, 'cookie field'),
  expectedFinalURLRegex: optionalString,
  extractJS: optionalString,
  instructions: optionalString,
  userAgent: optionalString,
});
const DisplayStepSchema = z.object({
  type: z.literal('display_and_wait'),
  stepID: z.string().min(1),
  display: DisplaySchema,
  instructions: optionalString,
});
const CompleteStepSchema = z.object({
  type: z.literal('complete'),
  stepID: optionalString,
  account: spare(AccountSchema),
  login: spare(BridgeLoginSchema),
  instructions: optionalString,
});

/** Never fails: a step this app does not know, or cannot read, is `{ type: 'unknown', rawType }`. */
export const StepSchema = byType('step', {
  user_input: UserInputStepSchema,
  cookies: CookiesStepSchema,
  display_and_wait: DisplayStepSchema,
  complete: CompleteStepSchema,
});
export type Step = z.infer<typeof StepSchema>;
export type UnknownStep = Extract<Step, { type: 'unknown' }>;
export type UserInputStep = z.infer<typeof UserInputStepSchema>;
export type CookiesStep = z.infer<typeof CookiesStepSchema>;
export type DisplayStep = z.infer<typeof DisplayStepSchema>;

export const APIErrorSchema = z.object({ code: z.string().default('UNKNOWN'), message: z.string().default('The login failed'), details: z.unknown().optional() });

export const SESSION_STATUSES = ['waiting_for_input', 'waiting_for_cookies', 'waiting_for_display', 'complete', 'cancelled', 'failed'] as const;

export const LoginSessionSchema = z
  .object({
    bridgeID: z.string(),
    loginSessionID: z.string().min(1),
    status: z.string(),
    currentStep: StepSchema.optional(),
    account: spare(AccountSchema),
    accountID: optionalString,
    loginID: optionalString,
    login: spare(BridgeLoginSchema),
    /** Gen B name for `login`. */
    connection: spare(BridgeLoginSchema),
    error: spare(APIErrorSchema),
  })
  // A status newer than this app is `unknown`; `rawStatus` keeps what the server said.
  .transform((s) => ({ ...s, status: (SESSION_STATUSES as readonly string[]).includes(s.status) ? (s.status as (typeof SESSION_STATUSES)[number]) : ('unknown' as const), rawStatus: s.status }));
export type LoginSession = z.infer<typeof LoginSessionSchema>;

export const CancelResponseSchema = z.object({ bridgeID: z.string(), loginSessionID: z.string(), status: z.literal('cancelled') });

export const RemoveResponseSchema = z.object({
  bridgeID: z.string(),
  loginID: z.string(),
  scope: z.string(),
  status: z.literal('removed'),
  affectedAccountIDs: z.array(z.string()).optional(),
});
export type RemoveResponse = z.infer<typeof RemoveResponseSchema>;

// ------------------------------------------------------------------ server and OAuth

export const InfoSchema = z.object({
  app: z.object({ name: z.string(), version: z.string(), bundle_id: optionalString }),
  platform: z.object({ os: z.string(), arch: z.string(), release: optionalString }).optional(),
  server: z.object({ status: z.string(), base_url: optionalString, port: z.number().optional(), hostname: optionalString, remote_access: z.boolean().optional(), mcp_enabled: z.boolean().optional() }),
  endpoints: z.object({
    oauth: z.object({
      authorization_endpoint: z.string(),
      token_endpoint: z.string(),
      introspection_endpoint: optionalString,
      userinfo_endpoint: optionalString,
      revocation_endpoint: optionalString,
      registration_endpoint: optionalString,
    }),
    spec: optionalString,
    mcp: optionalString,
    ws_events: optionalString,
  }),
});
export type Info = z.infer<typeof InfoSchema>;

export const APP_STATES = ['needs-login', 'initializing', 'needs-cross-signing-setup', 'needs-verification', 'needs-secrets', 'needs-first-sync', 'ready'] as const;
export const AppSetupSchema = z.object({ state: lenientEnum(APP_STATES, 'unknown') });
export type AppState = (typeof APP_STATES)[number] | 'unknown';

export const RegistrationSchema = z.object({ client_id: z.string().min(1), authorization_endpoint: optionalString, token_endpoint: optionalString });

export const TokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().refine((t) => t.toLowerCase() === 'bearer', 'token_type must be Bearer'),
  expires_in: z.number().positive().optional(),
  scope: optionalString,
});

export const UserinfoSchema = z.object({ sub: z.string(), scope: optionalString, exp: z.number().optional(), client_id: optionalString });
