/**
 * Every step the session screen can show, keyed by step type: its title and its body. A new step
 * type is one entry here, and the compiler asks for it once it is added to the contract's StepView.
 */
import type { ReactElement } from 'react';
import type { SessionView, StepView } from '../../../preload/contract/views.ts';
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
  title: (step: StepOf<T>, network: string) => string;
  /** Where focus goes when the step appears: its first field, or the step's title. */
  focus: 'first-field' | 'title';
  Body: (props: { session: SessionView; step: StepOf<T>; actions: StepActions }) => ReactElement;
}

function inputTitle(step: StepOf<'user_input'>, network: string): string {
  const kinds = step.fields.map((f) => f.kind);
  if (kinds.includes('password')) return 'Enter your password';
  if (kinds.includes('code')) return 'Enter the code';
  if (kinds.includes('phone')) return 'Enter your phone number';
  if (kinds.includes('captcha')) return 'Type the characters in the picture';
  if (kinds.includes('email')) return 'Enter your email address';
  if (step.fields.length === 1 && kinds[0] === 'select') return `Choose your ${step.fields[0]!.label.toLowerCase()}`;
  return `Log in to ${network}`;
}

const DISPLAY_TITLE: Record<StepOf<'display_and_wait'>['display']['kind'], string> = {
  qr: 'Scan the QR code',
  emoji: 'Tap the matching emoji',
  code: 'Enter this code on your phone',
  nothing: 'Waiting for your phone',
  unsupported: 'Waiting for your phone',
};

export const STEPS: { [T in StepType]: StepEntry<T> } = {
  user_input: {
    title: inputTitle,
    focus: 'first-field',
    Body: ({ session, step, actions }) => <InputStep session={session} step={step} onSubmit={actions.submitInput} />,
  },
  cookies: {
    title: (_step, network) => `Sign in to ${network}`,
    focus: 'title',
    Body: ({ session, step, actions }) => <CookiesStep session={session} step={step} canCapture={actions.canCapture} onCapture={actions.openCaptureWindow} onSubmit={actions.submitCookies} />,
  },
  display_and_wait: {
    title: (step) => DISPLAY_TITLE[step.display.kind],
    focus: 'title',
    Body: ({ session, step }) => <DisplayStep step={step} network={session.bridgeName} networkType={useApp((s) => s.accounts?.networks.find((n) => n.bridgeID === session.bridgeID)?.type)} />,
  },
  unsupported: {
    title: (_step, network) => `Finish connecting ${network} in Beeper Desktop`,
    focus: 'title',
    Body: ({ step }) => <UnsupportedStep step={step} />,
  },
};

/** The registry's entry for a step, typed for that step. */
export function stepEntry<T extends StepType>(step: StepOf<T>): StepEntry<T> {
  return STEPS[step.type];
}
