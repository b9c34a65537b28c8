/** Pieces the step forms share. */
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

/** A rejected submit's message, then the submit button (disabled while the step is sent). */
export function StepFormFooter({ session, primary = true }: { session: SessionView; primary?: boolean }) {
  return (
    <>
      {session.stepError && (
        <p className="callout callout-error" role="alert">
          {session.stepError.message}
        </p>
      )}
      <div className="actions">
        <Button type="submit" variant={primary ? 'primary' : 'secondary'} busy={session.busy}>
          {session.busy ? 'Checking…' : 'Continue'}
        </Button>
      </div>
    </>
  );
}
