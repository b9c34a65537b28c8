/**
 * Where to tap on the phone, per network and kind of step: the path through the network's own app.
 * Networks not in the table (and newer ones) get the server's instructions alone.
 */
type Kind = 'qr' | 'code' | 'emoji';

export interface Guidance {
  /** The path through the phone's app, one place per item. */
  path: string[];
  /** What to do there. */
  then: string;
}

const GUIDANCE: Readonly<Record<string, Partial<Record<Kind, Guidance>>>> = {
  whatsapp: {
    qr: { path: ['WhatsApp', 'Settings (⋮ on Android)', 'Linked devices', 'Link a device'], then: 'Point your phone at this code.' },
    code: { path: ['WhatsApp', 'Settings (⋮ on Android)', 'Linked devices', 'Link a device', 'Link with phone number instead'], then: 'Type this code on your phone.' },
  },
  signal: {
    qr: { path: ['Signal', 'Settings', 'Linked devices', 'Link new device'], then: 'Point your phone at this code.' },
  },
  telegram: {
    qr: { path: ['Telegram', 'Settings', 'Devices', 'Link Desktop Device'], then: 'Point your phone at this code.' },
  },
  gmessages: {
    qr: { path: ['Google Messages', 'your profile picture', 'Device pairing', 'QR code scanner'], then: 'Point your phone at this code.' },
    emoji: { path: ['Google Messages on your phone'], then: 'Tap the emoji that matches the one shown here.' },
  },
};

/** The guidance for a network's step, by the bridge's type; null when this app has none. */
export function guidanceFor(networkType: string | undefined, kind: string): Guidance | null {
  if (!networkType || !Object.hasOwn(GUIDANCE, networkType)) return null;
  const entry = GUIDANCE[networkType]!;
  return Object.hasOwn(entry, kind) ? (entry[kind as Kind] ?? null) : null;
}
