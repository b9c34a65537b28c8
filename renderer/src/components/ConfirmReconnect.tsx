/**
 * A reconnect asked for from outside the app (a `beeper-account-manager://reconnect/…` link or a
 * command line). Links can come from anywhere, so this screen only asks: it names the account, says
 * when a login in progress on that network would be stopped, and starts nothing until confirmed.
 */
import { useApp, liveSessions, useNeedsDesktop } from '../store.ts';
import { useReconnect } from './reconnect.ts';
import { Button } from './ui.tsx';
import { useI18n } from '../i18n.ts';

export function ConfirmReconnectScreen({ bridgeID, loginID, accountID }: { bridgeID: string; loginID: string | null; accountID: string | null }) {
  const accounts = useApp((s) => s.accounts);
  const sessions = useApp((s) => s.sessions);
  const navigate = useApp((s) => s.navigate);
  const reconnect = useReconnect();
  const needsDesktop = useNeedsDesktop();
  const { t } = useI18n();
  const network = accounts?.networks.find((n) => n.bridgeID === bridgeID);
  const login = network?.logins.find((l) => (loginID ? l.loginID === loginID : l.accounts.some((a) => a.accountID === accountID)));
  const account = login ? null : network?.otherAccounts.find((a) => a.accountID === accountID);
  const identity = login?.identity ?? account?.identity;
  const inProgress = liveSessions(sessions).find((s) => s.bridgeID === bridgeID);
  const back = (): void => navigate({ to: 'accounts' });

  if (!network || !identity || !network.canReconnect) {
    return (
      <div className="screen">
        <h1 tabIndex={-1} id="screen-title">
          {t('confirm.notFound')}
        </h1>
        <p>{t('confirm.notFoundHint')}</p>
        <Button variant="primary" onClick={back}>
          {t('common.backToAccounts')}
        </Button>
      </div>
    );
  }
  const who = [network.displayName, identity.detail ?? identity.name].join(' · ');
  return (
    <div className="screen">
      <div className="session-card">
        <p className="eyebrow">{t('confirm.eyebrow', { network: network.displayName })}</p>
        <h1 tabIndex={-1} id="screen-title" className="session-title">
          {t('confirm.title', { who })}
        </h1>
        <p>{t('confirm.body')}</p>
        {inProgress && <p className="step-notice">{t('confirm.stopsLogin', { network: network.displayName })}</p>}
        <div className="session-footer">
          <Button variant="ghost" onClick={back}>
            {t('common.cancel')}
          </Button>
          <Button variant="primary" {...needsDesktop} onClick={() => void reconnect(bridgeID, loginID, accountID)}>
            {t('accounts.reconnect')}
          </Button>
        </div>
      </div>
    </div>
  );
}
