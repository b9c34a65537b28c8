/**
 * A step, session status or display newer than this app (from a newer Beeper Desktop). The login
 * is not lost: the user can finish connecting in Beeper Desktop, or cancel here. The session
 * screen keeps Cancel available, and the core keeps checking whether the login moves on.
 */
import type { StepView } from '../../../preload/contract/views.ts';
import { Icon } from '../components/ui.tsx';
import { useI18n } from '../i18n.ts';

type UnsupportedStepView = Extract<StepView, { type: 'unsupported' }>;

export function UnsupportedNotice({ rawType, what }: { rawType: string | null; what: string }) {
  const { t } = useI18n();
  return (
    <div className="step-notice" role="note">
      <Icon name="alert" />
      <p>{t('unsupported.notice', { what })}</p>
      {rawType && <p className="muted small">{t('unsupported.step', { type: rawType })}</p>}
    </div>
  );
}

export function UnsupportedStep({ step }: { step: UnsupportedStepView }) {
  const { t } = useI18n();
  return (
    <div className="step-form">
      {step.instructions && <p className="lead">{step.instructions}</p>}
      <UnsupportedNotice rawType={step.rawType} what={t('unsupported.kindOfStep')} />
      <p className="waiting muted small">{t('unsupported.movesOn')}</p>
    </div>
  );
}
