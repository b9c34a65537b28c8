/**
 * Phone-based networks: WhatsApp, Telegram, Signal, Google Messages.
 * Step IDs, field IDs, instructions, rotation intervals and error codes follow docs/beeper-desktop-api.md §8.2–8.5.
 */
import { Codes, SimError } from '../errors.ts';
import {
  cookieField,
  cleanPhoneNumber,
  complete,
  fail,
  step,
  type BridgeDef,
  type DisplayStepDef,
  type Identity,
  type InputStepDef,
  type ScanOptions,
  type StepContext,
  type Transition,
} from '../flow.ts';
import { avatarFor, handleFor, nameFor, phoneFor } from '../identity.ts';
import { pairingCode, randomToken } from '../ids.ts';
import { capabilities } from './capabilities.ts';

/** The phone that scans or types the code: the reconnected account unless told otherwise. */
function scanningPhone(opts: ScanOptions, ctx: StepContext): string {
  if (opts.phoneNumber) return opts.phoneNumber;
  const remembered = ctx.reconnect?.remembered['phone'];
  if (remembered && !opts.asOther) return remembered;
  return ctx.memory['phone'] ?? phoneFor(randomToken(8));
}

export const phoneIdentity = (phone: string, extra: Partial<Identity['user']> = {}): Identity => {
  const fullName = extra.fullName ?? nameFor(phone);
  return {
    remoteKey: phone,
    user: { phoneNumber: phone, fullName, imgURL: avatarFor(phone, fullName), ...extra },
    remembered: { phone },
  };
};

const invalidPhone = (): Transition => ({
  reject: new SimError(400, Codes.BAD_JSON, 'Invalid phone number: use international format, starting with +'),
});

// ----------------------------------------------------------------------------------- WhatsApp

const WA_TIMEOUT = { code: 'FI.MAU.WHATSAPP.LOGIN_TIMEOUT', message: 'Entering code or scanning QR timed out. Please try again.' };

const waQR: DisplayStepDef = {
  type: 'display_and_wait',
  stepID: 'fi.mau.whatsapp.login.qr',
  instructions: 'Scan the QR code with the WhatsApp mobile app to log in',
  display: () => ({ type: 'qr', data: `2@${randomToken(45)},${randomToken(32)},${randomToken(32)},${randomToken(32)},1` }),
  // First QR valid 60 s, then five more every 20 s, then LOGIN_TIMEOUT (200 `failed`).
  rotation: { firstMs: 60_000, everyMs: 20_000, rotations: 5, exhausted: WA_TIMEOUT },
  onScan: (opts, ctx) => complete(phoneIdentity(scanningPhone(opts, ctx))),
};

const waCode = (phone: string): DisplayStepDef => ({
  type: 'display_and_wait',
  stepID: 'fi.mau.whatsapp.login.code',
  instructions: 'Input the pairing code in the WhatsApp mobile app to log in',
  display: () => ({ type: 'code', data: pairingCode() }),
  expiresAfterMs: 160_000,
  expired: WA_TIMEOUT,
  onScan: (opts, ctx) => complete(phoneIdentity(opts.asOther ? scanningPhone(opts, ctx) : phone)),
});

const waPhone: InputStepDef = {
  type: 'user_input',
  stepID: 'fi.mau.whatsapp.login.phone',
  fields: [
    {
      id: 'phone_number',
      type: 'phone_number',
      label: 'Phone number',
      placeholder: 'Your WhatsApp phone number in international format',
    },
  ],
  submit: (values, ctx) => {
    const phone = cleanPhoneNumber(values['phone_number'] ?? '');
    if (!phone) return invalidPhone();
    ctx.memory['phone'] = phone;
    return step(waCode(phone));
  },
};

export const whatsapp: BridgeDef = {
  id: 'local-whatsapp',
  displayName: 'WhatsApp',
  provider: 'local',
  type: 'whatsapp',
  network: 'WhatsApp',
  supportsMultipleAccounts: true,
  removeScopes: ['current-device'],
  unknownFlow: 'default',
  completeStepID: 'fi.mau.whatsapp.login.complete',
  capabilities: capabilities({ phone: true, groups: true }),
  flows: [
    { id: 'qr', name: 'QR', description: 'Scan a QR code with the WhatsApp app on your phone', start: () => step(waQR) },
    {
      id: 'phone',
      name: 'Pairing code',
      description: 'Enter your phone number, then type a pairing code into the WhatsApp app',
      // Reconnect auto-submits the stored number and jumps straight to the code (docs/beeper-desktop-api.md §3.6).
      start: (ctx) => {
        const phone = ctx.reconnect?.remembered['phone'];
        return phone ? step(waCode(phone)) : step(waPhone);
      },
    },
  ],
};

// ----------------------------------------------------------------------------------- Telegram

const tgIdentity = (phone: string): Identity => phoneIdentity(phone, { username: handleFor(phone).replace('.', '_') });

function tgPassword(phone: string, incorrect: boolean): InputStepDef {
  return {
    type: 'user_input',
    stepID: incorrect ? 'fi.mau.telegram.login.password.incorrect' : 'fi.mau.telegram.login.password',
    instructions: incorrect ? 'Incorrect password' : 'You have two-factor authentication enabled.',
    fields: [{ id: 'fi.mau.telegram.login.password', type: 'password', label: 'Password' }],
    submit: (values, ctx) =>
      values['fi.mau.telegram.login.password'] === ctx.config.telegram.password
        ? complete(tgIdentity(phone))
        : step(tgPassword(phone, true)),
  };
}

function tgCode(phone: string, incorrect: boolean): InputStepDef {
  return {
    type: 'user_input',
    stepID: incorrect ? 'fi.mau.telegram.login.code.incorrect' : 'fi.mau.telegram.login.code',
    ...(incorrect ? { instructions: 'Incorrect code' } : {}),
    fields: [
      {
        id: 'fi.mau.telegram.login.code',
        type: '2fa_code',
        label: 'Code',
        placeholder: 'The code was sent to the Telegram app on your phone',
      },
    ],
    submit: (values, ctx) => {
      if (values['fi.mau.telegram.login.code']?.trim() !== ctx.config.telegram.code) return step(tgCode(phone, true));
      return ctx.config.telegram.twoFactor ? step(tgPassword(phone, false)) : complete(tgIdentity(phone));
    },
  };
}

const tgPhone: InputStepDef = {
  type: 'user_input',
  stepID: 'fi.mau.telegram.login.phone_number',
  fields: [
    {
      id: 'fi.mau.telegram.login.phone_number',
      type: 'phone_number',
      label: 'Phone number',
      placeholder: 'Include the country code with +',
    },
  ],
  submit: (values) => {
    const phone = cleanPhoneNumber(values['fi.mau.telegram.login.phone_number'] ?? '');
    return phone ? step(tgCode(phone, false)) : invalidPhone();
  },
};

const tgQR: DisplayStepDef = {
  type: 'display_and_wait',
  stepID: 'fi.mau.telegram.login.qr', // [GUESS] QR step ID not read in the connector source
  instructions: 'Open Telegram on your phone, go to Settings → Devices → Link Desktop Device and scan this code',
  display: () => ({ type: 'qr', data: `tg://login?token=${randomToken(32)}` }),
  rotation: { firstMs: 30_000, everyMs: 30_000, rotations: 9, exhausted: { code: Codes.LOGIN_TIMED_OUT, message: 'The login timed out', httpStatus: 410 } },
  onScan: (opts, ctx) => {
    const phone = scanningPhone(opts, ctx);
    return ctx.config.telegram.twoFactor ? step(tgPassword(phone, false)) : complete(tgIdentity(phone));
  },
};

export const telegram: BridgeDef = {
  id: 'local-telegram',
  displayName: 'Telegram',
  provider: 'local',
  type: 'telegram',
  network: 'Telegram',
  supportsMultipleAccounts: true,
  removeScopes: ['current-device', 'all-devices'],
  unknownFlow: 'not_found',
  completeStepID: 'fi.mau.telegram.login.complete',
  capabilities: capabilities({ phone: true, username: true, groups: true }),
  flows: [
    {
      id: 'phone',
      name: 'Phone Number',
      description: 'Log in with your phone number and the code Telegram sends you',
      // Reconnect reuses the stored phone and starts at the code step (docs/beeper-desktop-api.md §8.3).
      start: (ctx) => {
        const phone = ctx.reconnect?.remembered['phone'];
        return phone ? step(tgCode(phone, false)) : step(tgPhone);
      },
    },
    { id: 'qr', name: 'QR Code', description: 'Scan a QR code with Telegram on your phone', start: () => step(tgQR) },
  ],
};

// ----------------------------------------------------------------------------------- Signal

const signalQR: DisplayStepDef = {
  type: 'display_and_wait',
  stepID: 'fi.mau.signal.login.qr',
  instructions: 'Scan the QR code on your Signal app to log in',
  display: () => ({
    type: 'qr',
    data: `sgnl://linkdevice?uuid=${randomToken(16)}&pub_key=${encodeURIComponent(randomToken(33))}`,
  }),
  // A new QR every 45 s, at most 20 in all, then 410 LOGIN_TIMED_OUT as an HTTP error.
  rotation: {
    firstMs: 45_000,
    everyMs: 45_000,
    rotations: 19,
    exhausted: { code: Codes.LOGIN_TIMED_OUT, message: 'The login timed out. Please try again.', httpStatus: 410 },
  },
  onScan: (opts, ctx) => complete(phoneIdentity(scanningPhone(opts, ctx))),
};

export const signal: BridgeDef = {
  id: 'local-signal',
  displayName: 'Signal',
  provider: 'local',
  type: 'signal',
  network: 'Signal',
  supportsMultipleAccounts: false,
  removeScopes: ['current-device'],
  unknownFlow: 'not_found',
  completeStepID: 'fi.mau.signal.login.complete',
  capabilities: capabilities({ phone: true, groups: true }),
  flows: [{ id: 'qr', name: 'QR', description: 'Scan a QR code to pair the bridge to your Signal app', start: () => step(signalQR) }],
};

// ----------------------------------------------------------------------------------- Google Messages

const GOOGLE_COOKIES = ['OSID', 'SID', 'HSID', 'SSID', 'APISID', 'SAPISID'] as const;

const EMOJI = [
  { char: '🦊', name: 'fox' },
  { char: '🌵', name: 'cactus' },
  { char: '🎈', name: 'balloon' },
  { char: '🐢', name: 'turtle' },
  { char: '🍋', name: 'lemon' },
];

const gmEmoji = (phone: string): DisplayStepDef => ({
  type: 'display_and_wait',
  stepID: 'fi.mau.gmessages.emoji',
  instructions: 'Tap the emoji on the Google Messages app on your phone',
  display: () => {
    const e = EMOJI[Math.floor(Math.random() * EMOJI.length)]!;
    return { type: 'emoji', emoji: e };
  },
  expiresAfterMs: 300_000,
  expired: { code: 'FI.MAU.GMESSAGES.PAIR_TIMEOUT', message: 'Pairing timed out. Please try again.' },
  onScan: (opts) =>
    opts.wrong
      ? fail('FI.MAU.GMESSAGES.PAIR_INCORRECT_EMOJI', 'Incorrect emoji chosen on phone, please try again')
      : complete(phoneIdentity(opts.phoneNumber ?? phone)),
});

const gmQR: DisplayStepDef = {
  type: 'display_and_wait',
  stepID: 'fi.mau.gmessages.qr',
  instructions: 'Scan the QR code using the Google Messages app on your Android phone',
  display: () => ({ type: 'qr', data: `https://support.google.com/messages/?p=web_computer#?c=${randomToken(40)}` }),
  rotation: {
    firstMs: 30_000,
    everyMs: 30_000,
    rotations: 5,
    exhausted: { code: 'FI.MAU.GMESSAGES.PAIR_QR_TIMEOUT', message: 'Pairing timed out. Please try again.' },
  },
  onScan: (opts, ctx) => complete(phoneIdentity(scanningPhone(opts, ctx))),
};

export const gmessages: BridgeDef = {
  id: 'local-gmessages',
  displayName: 'Google Messages',
  provider: 'local',
  type: 'gmessages',
  network: 'Google Messages',
  supportsMultipleAccounts: false,
  removeScopes: ['current-device'],
  unknownFlow: 'not_found',
  completeStepID: 'fi.mau.gmessages.complete',
  capabilities: capabilities({ phone: true, groups: true }),
  flows: [
    {
      id: 'google',
      name: 'Google Account',
      description: 'Log in with your Google account, then tap an emoji on your phone',
      start: (ctx) =>
        step({
          type: 'cookies',
          stepID: 'fi.mau.gmessages.google_account',
          url: `${ctx.baseURL}/__signin/google/`,
          instructions: 'Sign in with the Google account your phone uses for Google Messages',
          expectedFinalURLRegex: '^https?://[^/]+/__signin/google/messages/web/config',
          // The fake page lives on the simulator's host, so that is the cookies' domain.
          fields: [
            ...GOOGLE_COOKIES.map((name) => cookieField(name, { cookieDomain: new URL(ctx.baseURL).hostname })),
            cookieField('__Secure-1PSIDTS', { cookieDomain: new URL(ctx.baseURL).hostname, required: false }),
          ],
          onMissing: 'reject',
          submit: (values, c) => {
            const phone = c.reconnect?.remembered['phone'] ?? phoneFor(values['SID'] ?? '');
            return step(gmEmoji(phone));
          },
        }),
    },
    { id: 'qr', name: 'QR', description: 'Scan a QR code with Google Messages on your phone', start: () => step(gmQR) },
  ],
};

export const EMOJI_IMAGES = EMOJI;

/** The emoji as a picture, as the simulator serves it (over http, or inline as a data: URL). */
export function emojiSVG(emoji: { char: string; name: string }): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128" role="img" aria-label="${emoji.name}"><title>${emoji.name}</title><text x="64" y="92" font-size="88" text-anchor="middle">${emoji.char}</text></svg>`;
}
