/**
 * A network's recognisable logo (Simple Icons, CC0, bundled: nothing is loaded from the network),
 * or its initials where there is no logo (Slack and LinkedIn ask Simple Icons not to carry theirs;
 * networks newer than this app). Next to the network's name it is decorative; alone it is labelled.
 * Each logo is its own small chunk, loaded for the networks there are (bench figure 1): the window
 * loads those its first screen shows as it opens (store.ts), the rest when idle (screens.tsx).
 */
import { loadOnce, useLoaded, type Loader } from '../load-once.ts';
import { useI18n } from '../i18n.ts';

/** The path of a Simple Icons SVG file, loaded as its own chunk. */
const logoPath = (svg: () => Promise<{ default: string }>) => loadOnce(() => svg().then(({ default: text }) => /\sd="([^"]+)"/.exec(text)?.[1] ?? ''));

/** By the bridge's `type` (what Beeper Desktop reports; bridge IDs differ between local and cloud): the logo's colour and path. */
const LOGOS: Record<string, { hex: string; path: Loader<string> }> = {
  whatsapp: { hex: '25D366', path: logoPath(() => import('simple-icons/icons/whatsapp.svg?raw')) },
  telegram: { hex: '26A5E4', path: logoPath(() => import('simple-icons/icons/telegram.svg?raw')) },
  signal: { hex: '3B45FD', path: logoPath(() => import('simple-icons/icons/signal.svg?raw')) },
  gmessages: { hex: '1A73E8', path: logoPath(() => import('simple-icons/icons/googlemessages.svg?raw')) },
  instagram: { hex: 'FF0069', path: logoPath(() => import('simple-icons/icons/instagram.svg?raw')) },
  twitter: { hex: '000000', path: logoPath(() => import('simple-icons/icons/x.svg?raw')) },
  discordgo: { hex: '5865F2', path: logoPath(() => import('simple-icons/icons/discord.svg?raw')) },
  facebook: { hex: '0866FF', path: logoPath(() => import('simple-icons/icons/messenger.svg?raw')) },
  bluesky: { hex: '1185FE', path: logoPath(() => import('simple-icons/icons/bluesky.svg?raw')) },
};

/** Every logo there is (a few hundred bytes each), for screens that list every network. */
export const loadAllNetworkIcons = (): Promise<unknown> => loadNetworkIcons(Object.keys(LOGOS));

/** Loads the logos of these network types (those without one: nothing to load). */
export const loadNetworkIcons = (types: Iterable<string>): Promise<unknown> => Promise.allSettled([...new Set(types)].flatMap((type) => LOGOS[type]?.path.load() ?? []));

export function NetworkIcon({ type, name, size = 24, labelled = false }: { type: string; name: string; size?: number; labelled?: boolean }) {
  const logo = LOGOS[type];
  const path = useLoaded(logo?.path);
  const { t } = useI18n();
  const a11y = labelled ? { role: 'img', 'aria-label': t('accounts.networkLogo', { name }) } : { 'aria-hidden': true as const };
  if (logo && path === undefined) {
    // Its logo is on its way: the same space, empty, not a flash of initials.
    return <span className="network-icon" style={{ width: size, height: size }} {...a11y} />;
  }
  if (!logo || !path) {
    const initials = name.replace(/[^\p{L}\p{N}]+/gu, ' ').trim().split(/\s+/).slice(0, 2).map((w) => w[0]!.toUpperCase()).join('');
    return (
      <span className="network-icon network-icon-initials" style={{ width: size, height: size }} {...a11y}>
        {initials || '?'}
      </span>
    );
  }
  // A near-black logo (X) takes the text colour, so it stays visible in the dark theme.
  const fill = parseInt(logo.hex.slice(0, 2), 16) + parseInt(logo.hex.slice(2, 4), 16) + parseInt(logo.hex.slice(4, 6), 16) < 90 ? 'currentColor' : `#${logo.hex}`;
  return (
    <svg className="network-icon" viewBox="0 0 24 24" width={size} height={size} fill={fill} {...a11y}>
      <path d={path} />
    </svg>
  );
}
