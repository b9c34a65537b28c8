/**
 * Where a network's accounts run, as the API names it: the core reads these values from Beeper
 * Desktop (anything newer is `unknown`), the window labels and groups networks by them.
 */
export const PROVIDERS = ['local', 'cloud', 'self-hosted', 'platform-sdk'] as const;
export type Provider = (typeof PROVIDERS)[number];

const LABELS: Record<Provider, string> = { local: 'On this device', cloud: 'Beeper Cloud', 'self-hosted': 'Self-hosted', 'platform-sdk': 'Platform' };

/** The provider's label, or null for one newer than this app (never guessed). */
export function providerLabel(provider: string): string | null {
  return (PROVIDERS as readonly string[]).includes(provider) ? LABELS[provider as Provider] : null;
}
