/** A `cookies` step: sign in through the app's capture window, or paste the values by hand. */
import { useState, type ReactNode, type SubmitEvent } from 'react';
import type { CookieFieldView, SessionView, StepView } from '../../../preload/contract/views.ts';
import { Button, Icon } from '../components/ui.tsx';
import { RevealButton, StepFormFooter } from './common.tsx';
import { richParts, useI18n } from '../i18n.ts';
import type { MessageKey } from '../../../preload/contract/i18n/en.ts';

type CookiesStepView = Extract<StepView, { type: 'cookies' }>;

/** Where to find a value, in the words of the browser's developer tools. */
const WHERE: Record<CookieFieldView['source'], MessageKey> = {
  cookie: 'cookies.cookie',
  header: 'cookies.header',
  local_storage: 'cookies.local_storage',
  request_body: 'cookies.request_body',
  special: 'cookies.special',
};

/**
 * A person's label for a value: its name as the browser shows it; a name the connector made up
 * (`fi.mau.slack.auth_token`) becomes its last part in words ("Auth token").
 */
export function cookieLabel(field: Pick<CookieFieldView, 'name' | 'source'>): string {
  if (field.source !== 'special') return field.name;
  const last = field.name.split('.').pop()!.replace(/[_-]+/g, ' ').trim();
  return last ? last.charAt(0).toUpperCase() + last.slice(1) : field.name;
}

function CookieField({ field, value, onChange }: { field: CookieFieldView; value: string; onChange: (v: string) => void }) {
  const [reveal, setReveal] = useState(false);
  const id = `cookie-${field.id}`;
  const { t } = useI18n();
  return (
    <div className="field">
      <label htmlFor={id}>
        {cookieLabel(field)} <span className="muted small">· {t(WHERE[field.source])}</span>
        {field.optional && <span className="muted small"> {t('common.optional')}</span>}
      </label>
      <div className="inline-row">
        <input id={id} type={reveal ? 'text' : 'password'} autoComplete="off" spellCheck={false} value={value} onChange={(e) => onChange(e.target.value)} required={field.required} />
        <RevealButton reveal={reveal} onToggle={() => setReveal(!reveal)} name={field.name} />
      </div>
    </div>
  );
}

export function CookiesStep({
  session,
  step,
  canCapture,
  onCapture,
  onSubmit,
}: {
  session: SessionView;
  step: CookiesStepView;
  canCapture: boolean;
  onCapture: () => Promise<void>;
  onSubmit: (fields: Record<string, string>) => Promise<void>;
}) {
  const [values, setValues] = useState<Record<string, string>>({});
  const i18n = useI18n();
  const { t } = i18n;
  const submit = (e: SubmitEvent<HTMLFormElement>): void => {
    e.preventDefault();
    if (!session.busy) void onSubmit(values);
  };
  const host = (() => {
    try {
      return new URL(step.url).host;
    } catch {
      return step.url;
    }
  })();
  return (
    <div className="step-form">
      {/* The server's words are about signing in on its page: with the sign-in window, not above the manual form. */}
      {canCapture && step.instructions && <p className="lead">{step.instructions}</p>}
      {!canCapture && <p className="lead">{t('cookies.noWindow')}</p>}
      {canCapture && (
        <div className="actions">
          <Button variant="primary" busy={session.busy} onClick={() => void onCapture()}>
            {t('cookies.openWindow')}
          </Button>
          <span className="muted small">{t('cookies.windowHint')}</span>
        </div>
      )}
      <details className="disclosure" open={!canCapture}>
        <summary>{t('cookies.manual')}</summary>
        <form onSubmit={submit} className="manual">
          <p className="muted small">
            {richParts(
              i18n.rich<ReactNode>('cookies.manualHint', {
                host,
                link: (chunks) => (
                  <a href={step.url} target="_blank" rel="noopener noreferrer">
                    {richParts(chunks)} <Icon name="external" />
                  </a>
                ),
              }),
            )}
          </p>
          {step.fields.map((f) => (
            <CookieField key={f.id} field={f} value={values[f.id] ?? ''} onChange={(v) => setValues((s) => ({ ...s, [f.id]: v }))} />
          ))}
          <StepFormFooter session={session} primary={!canCapture} />
        </form>
      </details>
    </div>
  );
}
