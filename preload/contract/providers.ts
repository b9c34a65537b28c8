/**
 * Where a network's accounts run, as the API names it: the core reads these values from Beeper
 * Desktop (anything newer is `unknown`), the window labels and groups networks by them.
 */
import type { Translate } from './i18n/translator.ts';

export const PROVIDERS = ['local', 'cloud', 'self-hosted', 'platform-sdk'] as const;
export type Provider = (typeof PROVIDERS)[number];

/** The provider's label in the user's language, or null for one newer than this app (never guessed). */
export function providerLabel(provider: string, t: Translate): string | null {
  return (PROVIDERS as readonly string[]).includes(provider) ? t(`provider.${provider as Provider}`) : null;
}
