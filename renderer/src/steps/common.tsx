/** Pieces the step forms share. */
import type { ReactNode } from 'react';
import type { SessionView } from '../../../preload/contract/views.ts';
import { Button } from '../components/ui.tsx';

/** Shows or hides a secret field's value; `name` says which, for screen readers. */
export function RevealButton({ reveal, onToggle, name }: { reveal: boolean; onToggle: () => void; name: string }) {
  return (
    <Button variant="ghost" onClick={onToggle} aria-pressed={reveal} aria-label={reveal ? `Hide ${name}` : `Show ${name}`}>
      {reveal ? 'Hide' : 'Show'}
    </Button>
  );
}

/** What is wrong with a field's value, under it: one style for every field and every step. */
export function FieldError({ id, message }: { id: string; message: string }) {
  return (
    <p id={id} className="field-error" role="alert">
      {message}
    </p>
  );
}

/**
 * A rejected submit's message (unless the form shows it at its one field), then the submit button
 * (disabled while the step is sent), and any other way on.
 */
export function StepFormFooter({ session, primary = true, showError = true, children }: { session: SessionView; primary?: boolean; showError?: boolean; children?: ReactNode }) {
  return (
    <>
      {showError && session.stepError && <FieldError id="step-error" message={session.stepError.message} />}
      <div className="actions">
        <Button type="submit" variant={primary ? 'primary' : 'secondary'} busy={session.busy}>
          {session.busy ? 'Checking…' : 'Continue'}
        </Button>
        {children}
      </div>
    </>
  );
}
