/** Pieces the step forms share. */
import type { ReactNode } from 'react';
import type { SessionView } from '../../../preload/contract/views.ts';
import { Button } from '../components/ui.tsx';
import { useI18n } from '../i18n.ts';

/** Shows or hides a secret field's value; `name` says which, for screen readers. */
export function RevealButton({ reveal, onToggle, name }: { reveal: boolean; onToggle: () => void; name: string }) {
  const { t } = useI18n();
  return (
    <Button variant="ghost" onClick={onToggle} aria-pressed={reveal} aria-label={t(reveal ? 'common.hideNamed' : 'common.showNamed', { name })}>
      {t(reveal ? 'common.hide' : 'common.show')}
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
  const { t } = useI18n();
  return (
    <>
      {showError && session.stepError && <FieldError id="step-error" message={session.stepError.message} />}
      <div className="actions">
        <Button type="submit" variant={primary ? 'primary' : 'secondary'} busy={session.busy}>
          {t(session.busy ? 'step.checking' : 'common.continue')}
        </Button>
        {children}
      </div>
    </>
  );
}
