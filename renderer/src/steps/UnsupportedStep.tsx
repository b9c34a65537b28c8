/**
 * A step, session status or display newer than this app (from a newer Beeper Desktop). The login
 * is not lost: the user can finish connecting in Beeper Desktop, or cancel here. The session
 * screen keeps Cancel available, and the core keeps checking whether the login moves on.
 */
import type { StepView } from '../../../preload/contract/views.ts';
import { Icon } from '../components/ui.tsx';

type UnsupportedStepView = Extract<StepView, { type: 'unsupported' }>;

export function UnsupportedNotice({ rawType, what }: { rawType: string | null; what: string }) {
  return (
    <div className="step-notice" role="note">
      <Icon name="alert" />
      <p>This version of Beeper Account Manager cannot show {what} that Beeper Desktop asked for here. Finish this step in Beeper Desktop, or cancel and connect the account there.</p>
      {rawType && <p className="muted small">Step: {rawType}</p>}
    </div>
  );
}

export function UnsupportedStep({ step }: { step: UnsupportedStepView }) {
  return (
    <div className="step-form">
      {step.instructions && <p className="lead">{step.instructions}</p>}
      <UnsupportedNotice rawType={step.rawType} what="the kind of step" />
      <p className="waiting muted small">This screen moves on by itself if the login continues.</p>
    </div>
  );
}
