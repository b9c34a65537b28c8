/**
 * Where to tap on the phone, per network and kind of step: the path through the network's own app.
 * Networks not in the table (and newer ones) get the server's instructions alone.
 */
import type { MessageKey } from '../../../preload/contract/i18n/en.ts';

type Kind = 'qr' | 'code' | 'emoji';

export interface Guidance {
  /** The path through the phone's app, one place per item, as the app names it in the user's language. */
  path: MessageKey[];
  /** What to do there. */
  then: MessageKey;
}

const GUIDANCE: Readonly<Record<string, Partial<Record<Kind, Guidance>>>> = {
  whatsapp: {
    qr: { path: ['guide.whatsapp', 'guide.waSettings', 'guide.waLinked', 'guide.waLink'], then: 'guide.pointPhone' },
    code: { path: ['guide.whatsapp', 'guide.waSettings', 'guide.waLinked', 'guide.waLink', 'guide.waPhoneInstead'], then: 'guide.typeCode' },
  },
  signal: {
    qr: { path: ['guide.signal', 'guide.settings', 'guide.signalLinked', 'guide.signalLink'], then: 'guide.pointPhone' },
  },
  telegram: {
    qr: { path: ['guide.telegram', 'guide.settings', 'guide.tgDevices', 'guide.tgLink'], then: 'guide.pointPhone' },
  },
  gmessages: {
    qr: { path: ['guide.gmessages', 'guide.gmProfile', 'guide.gmPairing', 'guide.gmScanner'], then: 'guide.pointPhone' },
    emoji: { path: ['guide.gmOnPhone'], then: 'guide.tapEmoji' },
  },
};

/** The guidance for a network's step, by the bridge's type; null when this app has none. */
export function guidanceFor(networkType: string | undefined, kind: string): Guidance | null {
  if (!networkType || !Object.hasOwn(GUIDANCE, networkType)) return null;
  const entry = GUIDANCE[networkType]!;
  return Object.hasOwn(entry, kind) ? (entry[kind as Kind] ?? null) : null;
}
