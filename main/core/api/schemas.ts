/**
 * Runtime schemas for Beeper Desktop API answers (reference shared/beeper-desktop-api.md, Gen D).
 * They accept unknown extra fields (stripped), both Account shapes (with and without `status`), and
 * enum values newer than this app (mapped to a neutral value rather than failing). A step type this
 * app does not know is kept as `{ type: 'unknown' }` so the session engine can say so clearly.
 */
import { z } from 'zod';

/** A string enum that maps values it does not know to `fallback` instead of rejecting them. */
function lenientEnum<const T extends readonly [string, ...string[]], F extends string>(values: T, fallback: F) {
  return z.string().transform((v): T[number] | F => ((values as readonly string[]).includes(v) ? (v as T[number]) : fallback));
}

const optionalString = z.string().optional();

export const UserSchema = z.object({
  id: z.string(),
  username: optionalString,
  phoneNumber: optionalString,
  email: optionalString,
  fullName: optionalString,
  imgURL: optionalString,
  cannotMessage: z.boolean().optional(),
  isSelf: z.boolean().optional(),
});
export type User = z.infer<typeof UserSchema>;

export const ACCOUNT_STATUSES = [
  'connected',
  'connecting',
  'backfilling',
  'connection_required',
  'reconnect_required',
  'attention_required',
  'disconnected',
  'disabled',
] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number] | 'unknown';

export const AccountSchema = z.object({
  accountID: z.string(),
  bridge: z.object({
    id: z.string(),
    provider: lenientEnum(['cloud', 'self-hosted', 'local', 'platform-sdk'], 'unknown'),
    type: z.string(),
  }),
  /** Absent in the older Account shape. */
  status: lenientEnum(ACCOUNT_STATUSES, 'unknown').optional(),
  user: UserSchema,
  loginID: optionalString,
  network: optionalString,
  statusText: optionalString,
});
export type Account = z.infer<typeof AccountSchema>;

export const BRIDGE_STATUSES = ['available', 'connected', 'limit_reached', 'temporarily_unavailable', 'disabled'] as const;

export const BridgeSchema = z.object({
  id: z.string(),
  accounts: z.array(AccountSchema).default([]),
  activeAccountCount: z.number().int().nonnegative().default(0),
  displayName: z.string(),
  provider: lenientEnum(['cloud', 'self-hosted', 'local', 'platform-sdk'], 'unknown'),
  status: lenientEnum(BRIDGE_STATUSES, 'unknown'),
  supportsMultipleAccounts: z.boolean().default(false),
  type: z.string(),
  network: optionalString,
  statusText: optionalString,
});
export type Bridge = z.infer<typeof BridgeSchema>;

export const REMOVE_SCOPES = ['current-device', 'all-devices'] as const;
export type RemoveScope = (typeof REMOVE_SCOPES)[number];

export const LOGIN_STATUSES = ['connected', 'connecting', 'needs_login', 'logged_out', 'unknown'] as const;

export const BridgeLoginSchema = z.object({
  bridgeID: z.string(),
  loginID: z.string(),
  // Scopes this app does not know are dropped: it cannot offer them.
  removeScopes: z.array(z.string()).transform((scopes) => scopes.filter((s): s is RemoveScope => (REMOVE_SCOPES as readonly string[]).includes(s))),
  status: lenientEnum(LOGIN_STATUSES, 'unknown'),
  accountIDs: z.array(z.string()).optional(),
  statusText: optionalString,
  user: UserSchema.optional(),
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
  optional: z.boolean().optional(),
  type: optionalString,
  /** Not in the SDK typings; read when Desktop passes bridgev2's pattern/options through. */
  pattern: optionalString,
  options: z.array(z.string()).optional(),
});
export type InputField = z.infer<typeof InputFieldSchema>;

export const AttachmentSchema = z.object({
  type: optionalString,
  filename: optionalString,
  content: optionalString,
  info: z.object({ mimetype: optionalString, w: z.number().optional(), h: z.number().optional(), size: z.number().optional() }).optional(),
});

export const CookieFieldSchema = z.object({
  id: z.string().min(1),
  name: optionalString,
  type: lenientEnum(['cookie', 'header', 'local_storage'], 'special').optional(),
  required: z.boolean().optional(),
  pattern: optionalString,
  cookieDomain: optionalString,
  requestURLRegex: optionalString,
});
export type CookieField = z.infer<typeof CookieFieldSchema>;

export const DisplaySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('qr'), data: z.string() }),
  z.object({ type: z.literal('emoji'), imageURL: optionalString, data: optionalString }),
  z.object({ type: z.literal('code'), data: z.string() }),
  z.object({ type: z.literal('nothing') }),
]);
export type Display = z.infer<typeof DisplaySchema>;

const UserInputStepSchema = z.object({
  type: z.literal('user_input'),
  stepID: z.string().min(1),
  fields: z.array(InputFieldSchema),
  instructions: optionalString,
  attachments: z.array(AttachmentSchema).optional(),
});
const CookiesStepSchema = z.object({
  type: z.literal('cookies'),
  stepID: z.string().min(1),
  url: z.string().min(1),
  fields: z.array(CookieFieldSchema),
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
  account: AccountSchema.optional(),
  login: BridgeLoginSchema.optional(),
  instructions: optionalString,
});
const UnknownStepSchema = z.object({ type: z.string(), stepID: optionalString }).transform((s) => ({ type: 'unknown' as const, rawType: s.type, stepID: s.stepID }));

export const StepSchema = z.unknown().transform((value, ctx) => {
  const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
  const schema =
    type === 'user_input'
      ? UserInputStepSchema
      : type === 'cookies'
        ? CookiesStepSchema
        : type === 'display_and_wait'
          ? DisplayStepSchema
          : type === 'complete'
            ? CompleteStepSchema
            : UnknownStepSchema;
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path, input: value });
    return z.NEVER;
  }
  return parsed.data;
});
export type Step = z.infer<typeof StepSchema>;
export type UserInputStep = z.infer<typeof UserInputStepSchema>;
export type CookiesStep = z.infer<typeof CookiesStepSchema>;
export type DisplayStep = z.infer<typeof DisplayStepSchema>;

export const APIErrorSchema = z.object({ code: z.string().default('UNKNOWN'), message: z.string().default('The login failed'), details: z.unknown().optional() });

export const SESSION_STATUSES = ['waiting_for_input', 'waiting_for_cookies', 'waiting_for_display', 'complete', 'cancelled', 'failed'] as const;

export const LoginSessionSchema = z.object({
  bridgeID: z.string(),
  loginSessionID: z.string().min(1),
  status: z.enum(SESSION_STATUSES),
  currentStep: StepSchema.optional(),
  account: AccountSchema.optional(),
  accountID: optionalString,
  loginID: optionalString,
  login: BridgeLoginSchema.optional(),
  /** Gen B name for `login`. */
  connection: BridgeLoginSchema.optional(),
  error: APIErrorSchema.optional(),
});
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
