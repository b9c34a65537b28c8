/** A `cookies` step: sign in through the app's capture window, or paste the values by hand. */
import { useState, type SubmitEvent } from 'react';
import type { CookieFieldView, SessionView, StepView } from '../../../preload/contract/views.ts';
import { Button, Icon } from '../components/ui.tsx';
import { RevealButton, StepFormFooter } from './common.tsx';

type CookiesStepView = Extract<StepView, { type: 'cookies' }>;

/** Where to find a value, in the words of the browser's developer tools. */
const WHERE: Record<CookieFieldView['source'], string> = {
  cookie: 'Cookies',
  header: 'Network › request headers',
  local_storage: 'Local storage',
  request_body: 'Network › request payload',
  special: 'found by the sign-in page',
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
  return (
    <div className="field">
      <label htmlFor={id}>
        {cookieLabel(field)} <span className="muted small">· {WHERE[field.source]}</span>
        {field.optional && <span className="muted small"> (optional)</span>}
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
      {!canCapture && <p className="lead">This network signs in on its own web page. This app cannot open a sign-in window here, so the values it needs are entered by hand.</p>}
      {canCapture && (
        <div className="actions">
          <Button variant="primary" busy={session.busy} onClick={() => void onCapture()}>
            Open sign-in window
          </Button>
          <span className="muted small">Sign in there; the window closes by itself when it is done.</span>
        </div>
      )}
      <details className="disclosure" open={!canCapture}>
        <summary>Enter the values yourself (advanced)</summary>
        <form onSubmit={submit} className="manual">
          <p className="muted small">
            Sign in at{' '}
            <a href={step.url} target="_blank" rel="noopener noreferrer">
              {host} <Icon name="external" />
            </a>{' '}
            in your browser, then copy these values from its developer tools (Application → Cookies, Local Storage, or Network).
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
