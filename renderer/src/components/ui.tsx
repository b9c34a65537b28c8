/** Small shared building blocks. */
import { useEffect, useState, type ButtonHTMLAttributes, type ReactNode, type Ref } from 'react';
import type { IdentityView } from '../../../preload/contract/views.ts';
import { statusLook } from '../../../preload/contract/statuses.ts';
import { useI18n } from '../i18n.ts';

export function Button({
  variant = 'secondary',
  busy = false,
  children,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { ref?: Ref<HTMLButtonElement>; variant?: 'primary' | 'secondary' | 'danger' | 'ghost'; busy?: boolean }) {
  return (
    <button type="button" {...rest} className={`btn btn-${variant} ${rest.className ?? ''}`} disabled={rest.disabled || busy} aria-busy={busy || undefined}>
      {busy && <span className="spinner spinner-small" aria-hidden="true" />}
      {children}
    </button>
  );
}

export function Spinner({ label, large = false }: { label: string; large?: boolean }) {
  return (
    <span className="spinner-wrap" role="status">
      <span className={`spinner ${large ? 'spinner-large' : ''}`} aria-hidden="true" />
      <span className="visually-hidden">{label}</span>
    </span>
  );
}

/** A person's initials where there is no picture: the first letters of their first two words. */
export const initialsOf = (name: string): string =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');

/**
 * A picture loads once its row is near the screen, after the first frame: each is a document of its
 * own to Chromium when it is an SVG (2 ms apiece, measured: 45 ms for 20 on the way to the list).
 * Its place, and its circle, are there meanwhile.
 */
export function Avatar({ identity, size = 40 }: { identity: IdentityView; size?: number }) {
  const initials = initialsOf(identity.name);
  return identity.avatarURL ? (
    <img className="avatar" src={identity.avatarURL} alt="" width={size} height={size} loading="lazy" />
  ) : (
    <span className="avatar avatar-initials" style={{ width: size, height: size }} aria-hidden="true">
      {initials || '?'}
    </span>
  );
}

export function StatusBadge({ status }: { status: string | null }) {
  const { t } = useI18n();
  const s = statusLook(status, t);
  return (
    <span className={`badge badge-${s.tone}`}>
      <span className="badge-dot" aria-hidden="true" />
      {s.label}
    </span>
  );
}

/** Who, on which network, and one line about them: a row of the attention list and of "Reconnect all". */
export function PersonOnNetwork({ identity, network, line, lineClass = '' }: { identity: IdentityView; network: string; line: ReactNode; lineClass?: string }) {
  const { t } = useI18n();
  return (
    <>
      <Avatar identity={identity} size={32} />
      <div className="grow">
        <div>
          <strong dir="auto">{identity.name}</strong> <span className="muted">{t('accounts.onNetwork', { network })}</span>
        </div>
        <div className={`small ${lineClass}`.trim()}>{line}</div>
      </div>
    </>
  );
}

/** Re-renders every `ms` so relative times stay current. */
export function useTick(ms = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

export function Icon({ name }: { name: 'check' | 'alert' | 'refresh' | 'plus' | 'x' | 'copy' | 'external' | 'search' | 'chevron' | 'back' }) {
  const paths: Record<typeof name, string> = {
    check: 'M5 12.5l4.5 4.5L19 7.5',
    alert: 'M12 8v5m0 3.5v.01M10.3 3.9L2.6 17.3A2 2 0 004.3 20h15.4a2 2 0 001.7-2.7L13.7 3.9a2 2 0 00-3.4 0z',
    refresh: 'M20 11a8 8 0 10-2.3 5.7M20 4v7h-7',
    plus: 'M12 5v14M5 12h14',
    x: 'M6 6l12 12M18 6L6 18',
    copy: 'M9 9h10v10H9zM5 15V5h10',
    external: 'M14 4h6v6M20 4l-9 9M18 14v5a1 1 0 01-1 1H5a1 1 0 01-1-1V7a1 1 0 011-1h5',
    search: 'M11 18a7 7 0 100-14 7 7 0 000 14zM16 16l4.5 4.5',
    chevron: 'M9 6l6 6-6 6',
    back: 'M15 6l-6 6 6 6',
  };
  return (
    <svg className={name === 'back' || name === 'chevron' ? 'icon icon-directional' : 'icon'} viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <path d={paths[name]} />
    </svg>
  );
}
