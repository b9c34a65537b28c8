/** A `cookies` step: sign in through the app's capture window, or paste the values by hand. */
import { useState, type SubmitEvent } from 'react';
import type { CookieFieldView, SessionView, StepView } from '../../../preload/contract/views.ts';
import { Button, Icon } from '../components/ui.tsx';
import { RevealButton, StepFormFooter } from './common.tsx';

type CookiesStepView = Extract<StepView, { type: 'cookies' }>;

const SOURCE: Record<CookieFieldView['source'], string> = {
  cookie: 'cookie',
  header: 'request header',
  local_storage: 'local storage value',
  request_body: 'value sent by the sign-in page',
  special: 'value found by the sign-in page',
};

function CookieField({ field, value, onChange }: { field: CookieFieldView; value: string; onChange: (v: string) => void }) {
  const [reveal, setReveal] = useState(false);
  const id = `cookie-${field.id}`;
  return (
    <div className="field">
      <label htmlFor={id}>
        <code>{field.name}</code> <span className="muted small">{SOURCE[field.source]}</span>
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
      {step.instructions && <p className="lead">{step.instructions}</p>}
      {canCapture && (
        <div className="actions">
          <Button variant="primary" busy={session.busy} onClick={() => void onCapture()}>
            Open sign-in window
          </Button>
          <span className="muted small">Sign in there; the window closes by itself when it is done.</span>
        </div>
      )}
      <details className="disclosure" open={!canCapture}>
        <summary>{canCapture ? 'Or enter the values yourself' : 'Enter the sign-in values'}</summary>
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
