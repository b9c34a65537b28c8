/**
 * Every step the session screen can show, keyed by step type: its title and its body. A new step
 * type is one entry here, and the compiler asks for it once it is added to the contract's StepView.
 */
import type { ReactElement } from 'react';
import type { InputFieldView, SessionView, StepView } from '../../../preload/contract/views.ts';
import type { MessageKey } from '../../../preload/contract/i18n/en.ts';
import type { Translate } from '../../../preload/contract/i18n/translator.ts';
import { CookiesStep } from './CookiesStep.tsx';
import { useApp } from '../store.ts';
import { DisplayStep } from './DisplayStep.tsx';
import { InputStep } from './InputStep.tsx';
import { UnsupportedStep } from './UnsupportedStep.tsx';

type StepType = StepView['type'];
type StepOf<T extends StepType> = Extract<StepView, { type: T }>;

/** What a step can ask the session screen to do. */
export interface StepActions {
  canCapture: boolean;
  submitInput: (fields: Record<string, string>) => Promise<void>;
  submitCookies: (fields: Record<string, string>) => Promise<void>;
  openCaptureWindow: () => Promise<void>;
}

interface StepEntry<T extends StepType> {
  title: (step: StepOf<T>, network: string, t: Translate) => string;
  /** Where focus goes when the step appears: its first field, or the step's title. */
  focus: 'first-field' | 'title';
  Body: (props: { session: SessionView; step: StepOf<T>; actions: StepActions }) => ReactElement;
}

/** The kinds of field a form's title names, the first one present winning. */
const INPUT_TITLE: ReadonlyArray<[InputFieldView['kind'], MessageKey]> = [
  ['password', 'step.password'],
  ['code', 'step.code'],
  ['phone', 'step.phone'],
  ['captcha', 'step.captcha'],
  ['email', 'step.email'],
];

function inputTitle(step: StepOf<'user_input'>, network: string, t: Translate): string {
  const kinds = step.fields.map((f) => f.kind);
  const named = INPUT_TITLE.find(([kind]) => kinds.includes(kind));
  if (named) return t(named[1]);
  // The server's label, as the server wrote it.
  if (step.fields.length === 1 && kinds[0] === 'select') return t('step.choose', { label: step.fields[0]!.label });
  return t('step.logIn', { network });
}

const DISPLAY_TITLE: Record<StepOf<'display_and_wait'>['display']['kind'], MessageKey> = {
  qr: 'step.qr',
  emoji: 'step.emoji',
  code: 'step.pairing',
  nothing: 'step.waitPhone',
  unsupported: 'step.waitPhone',
};

export const STEPS: { [T in StepType]: StepEntry<T> } = {
  user_input: {
    title: inputTitle,
    focus: 'first-field',
    Body: ({ session, step, actions }) => <InputStep session={session} step={step} onSubmit={actions.submitInput} />,
  },
  cookies: {
    title: (_step, network, t) => t('step.signIn', { network }),
    focus: 'title',
    Body: ({ session, step, actions }) => <CookiesStep session={session} step={step} canCapture={actions.canCapture} onCapture={actions.openCaptureWindow} onSubmit={actions.submitCookies} />,
  },
  display_and_wait: {
    title: (step, _network, t) => t(DISPLAY_TITLE[step.display.kind]),
    focus: 'title',
    Body: ({ session, step }) => <DisplayStep step={step} network={session.bridgeName} networkType={useApp((s) => s.accounts?.networks.find((n) => n.bridgeID === session.bridgeID)?.type)} />,
  },
  unsupported: {
    title: (_step, network, t) => t('step.finishInDesktop', { network }),
    focus: 'title',
    Body: ({ step }) => <UnsupportedStep step={step} />,
  },
};

/** The registry's entry for a step, typed for that step. */
export function stepEntry<T extends StepType>(step: StepOf<T>): StepEntry<T> {
  return STEPS[step.type];
}
