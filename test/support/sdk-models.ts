/**
 * The Beeper Desktop API's models as the official SDKs type them (Gen D, "logins"), written as a
 * JSON Schema from the SDKs' documented types (`@beeper/desktop-api` Account and User; the
 * bridges models of the JS, Go v6, PHP and Python SDKs as docs/beeper-desktop-api.md records them).
 *
 * Every object is closed (`additionalProperties: false`) and every enum exact, so a response that
 * validates carries nothing an SDK does not name. The `sdk` simulator profile must always validate.
 */
const str = { type: 'string' } as const;
const bool = { type: 'boolean' } as const;
const int = { type: 'integer' } as const;
const closed = (properties: Record<string, unknown>, required: string[]) => ({ type: 'object', properties, required, additionalProperties: false });
const ref = (name: string) => ({ $ref: `#/$defs/${name}` });

export const SDK_MODELS = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $defs: {
    User: closed({ id: str, username: str, phoneNumber: str, email: str, fullName: str, imgURL: str, cannotMessage: bool, isSelf: bool }, ['id']),
    AccountBridge: closed({ id: str, provider: { enum: ['cloud', 'self-hosted', 'local', 'platform-sdk'] }, type: str }, ['id', 'provider', 'type']),
    Account: closed(
      {
        accountID: str,
        bridge: ref('AccountBridge'),
        status: { enum: ['connected', 'connecting', 'backfilling', 'connection_required', 'reconnect_required', 'attention_required', 'disconnected', 'disabled'] },
        user: ref('User'),
        capabilities: { type: 'object' },
        loginID: str,
        network: str,
        statusText: str,
      },
      ['accountID', 'bridge', 'user'],
    ),
    Bridge: closed(
      {
        id: str,
        accounts: { type: 'array', items: ref('Account') },
        activeAccountCount: int,
        displayName: str,
        provider: { enum: ['cloud', 'self-hosted', 'local', 'platform-sdk'] },
        status: { enum: ['available', 'connected', 'limit_reached', 'temporarily_unavailable', 'disabled'] },
        supportsMultipleAccounts: bool,
        type: str,
        network: str,
        statusText: str,
      },
      ['id', 'accounts', 'activeAccountCount', 'displayName', 'provider', 'status', 'supportsMultipleAccounts', 'type'],
    ),
    BridgeLogin: closed(
      {
        bridgeID: str,
        loginID: str,
        removeScopes: { type: 'array', items: { enum: ['current-device', 'all-devices'] } },
        status: { enum: ['connected', 'connecting', 'needs_login', 'logged_out', 'unknown'] },
        accountIDs: { type: 'array', items: str },
        statusText: str,
        user: ref('User'),
      },
      ['bridgeID', 'loginID', 'removeScopes', 'status'],
    ),
    LoginFlow: closed({ id: str, name: str, description: str }, ['id']),
    LoginInputField: closed({ id: str, label: str, placeholder: str, initialValue: str, optional: bool, type: str }, ['id']),
    CookieField: closed({ id: str, name: str, type: { enum: ['cookie', 'header', 'local_storage'] } }, ['id']),
    Display: {
      oneOf: [
        closed({ type: { const: 'qr' }, data: str }, ['type', 'data']),
        closed({ type: { const: 'emoji' }, imageURL: str }, ['type', 'imageURL']),
        closed({ type: { const: 'code' }, data: str }, ['type', 'data']),
        closed({ type: { const: 'nothing' } }, ['type']),
      ],
    },
    Step: {
      oneOf: [
        // `attachments` is an untyped array in the SDKs.
        closed({ type: { const: 'user_input' }, stepID: str, fields: { type: 'array', items: ref('LoginInputField') }, instructions: str, attachments: { type: 'array' } }, ['type', 'stepID', 'fields']),
        closed(
          {
            type: { const: 'cookies' },
            stepID: str,
            url: str,
            fields: { type: 'array', items: ref('CookieField') },
            expectedFinalURLRegex: str,
            extractJS: str,
            instructions: str,
            userAgent: str,
          },
          ['type', 'stepID', 'url', 'fields'],
        ),
        closed({ type: { const: 'display_and_wait' }, stepID: str, display: ref('Display'), instructions: str }, ['type', 'stepID', 'display']),
        closed({ type: { const: 'complete' }, stepID: str, account: ref('Account'), login: ref('BridgeLogin'), instructions: str }, ['type']),
      ],
    },
    APIError: closed({ code: str, message: str, details: { type: 'object' } }, ['code', 'message']),
    LoginSession: closed(
      {
        bridgeID: str,
        loginSessionID: str,
        status: { enum: ['waiting_for_input', 'waiting_for_cookies', 'waiting_for_display', 'complete', 'cancelled', 'failed'] },
        currentStep: ref('Step'),
        account: ref('Account'),
        accountID: str,
        loginID: str,
        login: ref('BridgeLogin'),
        error: ref('APIError'),
      },
      ['bridgeID', 'loginSessionID', 'status'],
    ),
    AccountList: { type: 'array', items: ref('Account') },
    BridgeList: closed({ items: { type: 'array', items: ref('Bridge') } }, ['items']),
    LoginList: closed({ items: { type: 'array', items: ref('BridgeLogin') } }, ['items']),
    LoginFlowList: closed({ items: { type: 'array', items: ref('LoginFlow') } }, ['items']),
  },
} as const;

export type SdkModel = keyof typeof SDK_MODELS.$defs;
