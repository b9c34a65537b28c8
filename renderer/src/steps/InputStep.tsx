/** A `user_input` step: a form built from the network's fields. */
import { useEffect, useMemo, useState, type SubmitEvent } from 'react';
import type { Translator } from '../../../preload/contract/i18n/translator.ts';
import type { InputFieldView, SessionView, StepView } from '../../../preload/contract/views.ts';
import { useSessionActions } from '../components/session-actions.ts';
import { Button } from '../components/ui.tsx';
import { FieldError, RevealButton, StepFormFooter } from './common.tsx';
import type * as Phone from './phone.ts';
import { useI18n } from '../i18n.ts';

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

/** The phone module, loaded when a step asks for a phone number (it carries every country's rules). */
function usePhone(wanted: boolean): typeof Phone | null {
  const [phone, setPhone] = useState<typeof Phone | null>(null);
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    void import('./phone.ts').then((m) => live && setPhone(m));
    return () => {
      live = false;
    };
  }, [wanted]);
  return phone;
}

/** The user's region: their locale's (de-AT: Austria), else the first of the system's languages that names one. */
const homeRegion = (phone: typeof Phone, i18n: Translator): Phone.CountryCode | null => phone.systemRegion([i18n.locale, ...navigator.languages]);

/** The country a phone number is read in: the one its value names, else the user's region. */
function CountrySelect({ id, phone, country, onChange }: { id: string; phone: typeof Phone; country: Phone.CountryCode | null; onChange: (c: Phone.CountryCode) => void }) {
  const i18n = useI18n();
  const options = useMemo(() => phone.countryOptions(i18n, homeRegion(phone, i18n)), [phone, i18n]);
  return (
    <div className="field country-field">
      <label htmlFor={id}>{i18n.t('phone.country')}</label>
      {/* data-aside: the number is the field a step's focus goes to, not its country. */}
      <select id={id} data-aside value={country ?? ''} onChange={(e) => onChange(e.target.value as Phone.CountryCode)}>
        <option value="" disabled>
          {i18n.t('phone.choose')}
        </option>
        {options.map((o) => (
          <option key={o.code} value={o.code}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

type A11y = { 'aria-invalid'?: true; 'aria-describedby'?: string };

/** A field's error and hint, for screen readers: it is marked invalid and described by both. */
function fieldA11y(errorID: string | null, hintID: string | null): A11y {
  const describedBy = [errorID, hintID].filter(Boolean).join(' ');
  return { ...(errorID ? { 'aria-invalid': true as const } : {}), ...(describedBy ? { 'aria-describedby': describedBy } : {}) };
}

function OptionsSelect({ id, field, value, onChange, a11y }: { id: string; field: InputFieldView; value: string; onChange: (v: string) => void; a11y: A11y }) {
  const { t } = useI18n();
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)} required={!field.optional} {...a11y}>
      <option value="" disabled>
        {t('phone.choose')}
      </option>
      {field.options.map((o) => (
        <option key={o} value={o}>
          {o}
        </option>
      ))}
    </select>
  );
}

interface FieldProps {
  field: InputFieldView;
  value: string;
  onChange: (v: string) => void;
  /** What is wrong with the value: shown under the field, and tied to it for screen readers. */
  error: string | null;
}

function Field({ field, value, onChange, error }: FieldProps) {
  const { t } = useI18n();
  const [reveal, setReveal] = useState(false);
  const id = `field-${field.id}`;
  const hintID = `${id}-hint`;
  const errorID = `${id}-error`;
  const secret = field.kind === 'password' || field.kind === 'token';
  const spec = INPUT[field.kind];
  const a11y = fieldA11y(error ? errorID : null, field.placeholder ? hintID : null);
  return (
    <div className="field">
      <label htmlFor={id}>
        {field.label}
        {field.optional && <span className="muted"> {t('common.optional')}</span>}
      </label>
      {field.kind === 'select' && field.options.length > 0 ? (
        <OptionsSelect id={id} field={field} value={value} onChange={onChange} a11y={a11y} />
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
            pattern={field.kind === 'phone' ? undefined : validPattern(field.pattern)}
            {...a11y}
            className={field.kind === 'code' ? 'input-code' : undefined}
          />
          {secret && <RevealButton reveal={reveal} onToggle={() => setReveal(!reveal)} name={field.label} />}
        </div>
      )}
      {error && <FieldError id={errorID} message={error} />}
      {field.placeholder && (
        <span id={hintID} className="muted small">
          {field.placeholder}
        </span>
      )}
    </div>
  );
}

type Countries = Record<string, Phone.CountryCode | null>;

/** Each phone field's number in E.164, or the first field whose number is wrong and why. */
function checkPhones(phone: typeof Phone | null, fields: readonly InputFieldView[], values: Record<string, string>, countries: Countries, i18n: Translator): { values: Record<string, string> } | { field: string; error: string } {
  const out = { ...values };
  for (const f of fields) {
    if (f.kind !== 'phone' || !phone || (f.optional && !values[f.id])) continue;
    const r = phone.checkPhone(values[f.id] ?? '', countries[f.id] ?? null, i18n);
    if ('error' in r) return { field: f.id, error: r.error };
    out[f.id] = r.e164;
  }
  return { values: out };
}

/** A code step of a new login: the way back to the number, by starting the same login again. */
function AnotherNumber({ session, step }: { session: SessionView; step: InputStepView }) {
  const { startAgain } = useSessionActions(session);
  const { t } = useI18n();
  if (session.reconnect || !step.fields.some((f) => f.kind === 'code')) return null;
  return (
    <Button variant="ghost" onClick={() => void startAgain()}>
      {t('step.anotherNumber')}
    </Button>
  );
}

export function InputStep({ session, step, onSubmit }: { session: SessionView; step: InputStepView; onSubmit: (fields: Record<string, string>) => Promise<void> }) {
  // Typed values live only in this form until they are sent; nothing is stored.
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(step.fields.map((f) => [f.id, f.initialValue ?? ''])));
  const phoneFields = step.fields.filter((f) => f.kind === 'phone');
  const phone = usePhone(phoneFields.length > 0);
  const [countries, setCountries] = useState<Countries>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const i18n = useI18n();
  const countryFor = (f: InputFieldView): Phone.CountryCode | null => countries[f.id] ?? (phone ? (phone.countryOf(values[f.id] ?? '') ?? homeRegion(phone, i18n)) : null);
  // One field: the server's rejection belongs to it, in the same place and style as this form's own.
  const single = step.fields.length === 1 ? step.fields[0]!.id : null;
  const change = (id: string, patch: () => void): void => {
    patch();
    setErrors((e) => ({ ...e, [id]: '' }));
  };
  const submit = (e: SubmitEvent<HTMLFormElement>): void => {
    e.preventDefault();
    if (session.busy) return;
    const checked = checkPhones(phone, step.fields, values, Object.fromEntries(phoneFields.map((f) => [f.id, countryFor(f)])), i18n);
    if ('error' in checked) {
      setErrors({ [checked.field]: checked.error });
      document.getElementById(`field-${checked.field}`)?.focus();
      return;
    }
    void onSubmit(checked.values);
  };
  return (
    <form className="step-form" onSubmit={submit} noValidate={phoneFields.length > 0}>
      {step.retry && (
        <p className="callout callout-warn" role="alert">
          {step.instructions ?? i18n.t('step.notRight')}
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
        <div key={f.id}>
          {f.kind === 'phone' && phone && <CountrySelect id={`country-${f.id}`} phone={phone} country={countryFor(f)} onChange={(c) => change(f.id, () => setCountries((s) => ({ ...s, [f.id]: c })))} />}
          <Field field={f} value={values[f.id] ?? ''} onChange={(v) => change(f.id, () => setValues((s) => ({ ...s, [f.id]: v })))} error={errors[f.id] || (f.id === single ? (session.stepError?.message ?? null) : null)} />
        </div>
      ))}
      <StepFormFooter session={session} showError={single === null}>
        <AnotherNumber session={session} step={step} />
      </StepFormFooter>
    </form>
  );
}
