/** A `user_input` step: a form built from the network's fields. */
import { useState, type SubmitEvent } from 'react';
import type { InputFieldView, SessionView, StepView } from '../../../preload/contract/views.ts';
import { RevealButton, StepFormFooter } from './common.tsx';

type InputStepView = Extract<StepView, { type: 'user_input' }>;

const INPUT: Record<InputFieldView['kind'], { type: string; autoComplete: string; inputMode?: 'tel' | 'email' | 'numeric' | 'url' | 'text' }> = {
  text: { type: 'text', autoComplete: 'off' },
  password: { type: 'password', autoComplete: 'current-password' },
  phone: { type: 'tel', autoComplete: 'tel', inputMode: 'tel' },
  email: { type: 'email', autoComplete: 'email', inputMode: 'email' },
  code: { type: 'text', autoComplete: 'one-time-code', inputMode: 'numeric' },
  token: { type: 'password', autoComplete: 'off' },
  url: { type: 'url', autoComplete: 'url', inputMode: 'url' },
  domain: { type: 'text', autoComplete: 'off', inputMode: 'url' },
  username: { type: 'text', autoComplete: 'username' },
  select: { type: 'text', autoComplete: 'off' },
  captcha: { type: 'text', autoComplete: 'off' },
};

function validPattern(p: string | null): string | undefined {
  if (!p) return undefined;
  try {
    new RegExp(p, 'v');
    return p;
  } catch {
    return undefined;
  }
}

function Field({ field, value, onChange }: { field: InputFieldView; value: string; onChange: (v: string) => void }) {
  const [reveal, setReveal] = useState(false);
  const id = `field-${field.id}`;
  const hintID = `${id}-hint`;
  const secret = field.kind === 'password' || field.kind === 'token';
  const spec = INPUT[field.kind];
  return (
    <div className="field">
      <label htmlFor={id}>
        {field.label}
        {field.optional && <span className="muted"> (optional)</span>}
      </label>
      {field.kind === 'select' && field.options.length > 0 ? (
        <select id={id} value={value} onChange={(e) => onChange(e.target.value)} required={!field.optional}>
          <option value="" disabled>
            Choose…
          </option>
          {field.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      ) : (
        <div className="inline-row">
          <input
            id={id}
            name={field.id}
            type={secret && reveal ? 'text' : spec.type}
            autoComplete={spec.autoComplete}
            inputMode={spec.inputMode}
            spellCheck={false}
            value={value}
            onChange={(e) => onChange(e.target.value)}
            required={!field.optional}
            pattern={validPattern(field.pattern)}
            aria-describedby={field.placeholder ? hintID : undefined}
            className={field.kind === 'code' ? 'input-code' : undefined}
          />
          {secret && <RevealButton reveal={reveal} onToggle={() => setReveal(!reveal)} name={field.label} />}
        </div>
      )}
      {field.placeholder && (
        <span id={hintID} className="muted small">
          {field.placeholder}
        </span>
      )}
    </div>
  );
}

export function InputStep({ session, step, onSubmit }: { session: SessionView; step: InputStepView; onSubmit: (fields: Record<string, string>) => Promise<void> }) {
  // Typed values live only in this form until they are sent; nothing is stored.
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(step.fields.map((f) => [f.id, f.initialValue ?? ''])));
  const submit = (e: SubmitEvent<HTMLFormElement>): void => {
    e.preventDefault();
    if (session.busy) return;
    void onSubmit(values);
  };
  return (
    <form className="step-form" onSubmit={submit} noValidate={false}>
      {step.retry && (
        <p className="callout callout-warn" role="alert">
          {step.instructions ?? 'That was not right. Try again.'}
        </p>
      )}
      {!step.retry && step.instructions && <p>{step.instructions}</p>}
      {step.attachments.map((a, i) =>
        a.kind === 'image' && a.dataURL ? (
          <img key={i} className="attachment" src={a.dataURL} alt={a.name} />
        ) : a.kind === 'audio' && a.dataURL ? (
          <audio key={i} controls src={a.dataURL} aria-label={a.name} />
        ) : null,
      )}
      {step.fields.map((f) => (
        <Field key={f.id} field={f} value={values[f.id] ?? ''} onChange={(v) => setValues((s) => ({ ...s, [f.id]: v }))} />
      ))}
      <StepFormFooter session={session} />
    </form>
  );
}
