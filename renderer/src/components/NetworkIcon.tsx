/**
 * A network's recognisable logo (Simple Icons, CC0, bundled: nothing is loaded from the network),
 * or its initials where there is no logo (Slack and LinkedIn ask Simple Icons not to carry theirs;
 * networks newer than this app). Next to the network's name it is decorative; alone it is labelled.
 */
import { siBluesky, siDiscord, siGooglemessages, siInstagram, siMessenger, siSignal, siTelegram, siWhatsapp, siX, type SimpleIcon } from 'simple-icons';
import { useI18n } from '../i18n.ts';

/** By the bridge's `type` (what Beeper Desktop reports; bridge IDs differ between local and cloud). */
const ICONS: Record<string, SimpleIcon> = {
  whatsapp: siWhatsapp,
  telegram: siTelegram,
  signal: siSignal,
  gmessages: siGooglemessages,
  instagram: siInstagram,
  twitter: siX,
  discordgo: siDiscord,
  facebook: siMessenger,
  bluesky: siBluesky,
};

export function NetworkIcon({ type, name, size = 24, labelled = false }: { type: string; name: string; size?: number; labelled?: boolean }) {
  const icon = ICONS[type];
  const { t } = useI18n();
  const a11y = labelled ? { role: 'img', 'aria-label': t('common.networkLogo', { name }) } : { 'aria-hidden': true as const };
  if (!icon) {
    const initials = name.replace(/[^\p{L}\p{N}]+/gu, ' ').trim().split(/\s+/).slice(0, 2).map((w) => w[0]!.toUpperCase()).join('');
    return (
      <span className="network-icon network-icon-initials" style={{ width: size, height: size }} {...a11y}>
        {initials || '?'}
      </span>
    );
  }
  // A near-black logo (X) takes the text colour, so it stays visible in the dark theme.
  const fill = parseInt(icon.hex.slice(0, 2), 16) + parseInt(icon.hex.slice(2, 4), 16) + parseInt(icon.hex.slice(4, 6), 16) < 90 ? 'currentColor' : `#${icon.hex}`;
  return (
    <svg className="network-icon" viewBox="0 0 24 24" width={size} height={size} fill={fill} {...a11y}>
      <path d={icon.path} />
    </svg>
  );
}
