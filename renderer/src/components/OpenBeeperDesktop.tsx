import { useApp } from '../store.ts';
import { useI18n } from '../i18n.ts';
import { Button } from './ui.tsx';

/** "Open Beeper Desktop" (the gate, the banner when it is gone), where the host can ask the system to (the desktop shell): next to Try again. */
export function OpenBeeperDesktop() {
  const canOpen = useApp((s) => s.capabilities.desktopShell);
  const run = useApp((s) => s.run);
  const { t } = useI18n();
  if (!canOpen) return null;
  return <Button onClick={() => void run((api) => api.openBeeperDesktop())}>{t('common.openBeeperDesktop')}</Button>;
}
