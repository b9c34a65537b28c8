/** Turns API login steps into the step views the renderer shows (no secrets, nothing remote). */
import type { CookieFieldView, DisplayView, InputFieldView, SessionView, StepView } from '../../../preload/contract/views.ts';
import { cookieFieldNeed, type CookieSource, type CookiesStep, type DisplayStep, type InputField, type LoginSession, type UnknownStep, type UserInputStep } from '../api/schemas.ts';
import { lookup } from '../lookup.ts';

const KIND: Record<string, InputFieldView['kind']> = {
  text: 'text',
  password: 'password',
  phone_number: 'phone',
  phone: 'phone',
  email: 'email',
  '2fa_code': 'code',
  code: 'code',
  token: 'token',
  url: 'url',
  domain: 'domain',
  username: 'username',
  select: 'select',
  captcha_code: 'captcha',
};

function humanize(id: string): string {
  const last = id.split('.').pop() ?? id;
  const words = last.replace(/[_-]+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : id;
}

export function inputFieldView(f: InputField): InputFieldView {
  const options = f.options ?? [];
  const hinted = lookup(KIND, f.type) ?? 'text';
  return {
    id: f.id,
    label: f.label?.trim() || humanize(f.id),
    placeholder: f.placeholder ?? null,
    initialValue: f.initialValue ?? null,
    optional: f.optional === true,
    // A select without its options (the SDK's shape has none) is typed in.
    kind: options.length > 0 ? 'select' : hinted === 'select' ? 'text' : hinted,
    pattern: f.pattern ?? null,
    options,
  };
}

const ATTACHMENT_KIND: Record<string, 'image' | 'audio'> = { 'm.image': 'image', 'm.audio': 'audio' };

/** A picture or sound the page may show: only base64 of an image/ or audio/ type, else nothing. */
function mediaDataURL(mime: string, content: string | undefined): string | null {
  if (content === undefined || !/^(image|audio)\/[\w.+-]+$/.test(mime) || !/^[A-Za-z0-9+/=\s]+$/.test(content)) return null;
  // Stryker disable next-line Regex: equivalent, /\s/g and /\s+/g remove the same whitespace
  return `data:${mime};base64,${content.replace(/\s+/g, '')}`;
}

export function userInputView(s: UserInputStep): Extract<StepView, { type: 'user_input' }> {
  return {
    type: 'user_input',
    stepID: s.stepID,
    instructions: s.instructions ?? null,
    fields: s.fields.map(inputFieldView),
    attachments: (s.attachments ?? []).map((a) => {
      // Stryker disable next-line StringLiteral: equivalent, any text that is not a MIME type reads as a plain file
      const mime = a.info?.mimetype ?? '';
      const kind = lookup(ATTACHMENT_KIND, a.type) ?? (mime.startsWith('image/') ? 'image' : mime.startsWith('audio/') ? 'audio' : 'file');
      return { kind, name: a.filename ?? 'attachment', dataURL: mediaDataURL(mime, a.content) };
    }),
    retry: /\.incorrect$/.test(s.stepID),
  };
}

const SOURCE_VIEW: Record<CookieSource['type'], CookieFieldView['source']> = {
  cookie: 'cookie',
  request_header: 'header',
  local_storage: 'local_storage',
  request_body: 'request_body',
  special: 'special',
};

/**
 * The manual form's fields. Only a field the server marks required blocks the form; one it marks
 * optional says so; for one it says nothing about, the server decides when it is sent.
 */
export function cookieFieldViews(s: CookiesStep): CookieFieldView[] {
  return s.fields.map((f) => ({
    id: f.id,
    name: f.name,
    source: SOURCE_VIEW[f.sources[0]!.type],
    required: cookieFieldNeed(f) === 'always',
    optional: cookieFieldNeed(f) === 'never',
    pattern: f.pattern ?? null,
  }));
}

export function cookiesView(s: CookiesStep): Extract<StepView, { type: 'cookies' }> {
  return { type: 'cookies', stepID: s.stepID, instructions: s.instructions ?? null, url: s.url, fields: cookieFieldViews(s) };
}

/** The emoji picture as far as it is known: shown (a data: URL), still loading, or not to be had. */
export interface EmojiImage {
  dataURL: string | null;
  loading: boolean;
}

function displayOf(d: DisplayStep['display'], emojiImage: EmojiImage | null): DisplayView {
  switch (d.type) {
    case 'qr':
      return { kind: 'qr', data: d.data };
    case 'code':
      return { kind: 'code', data: d.data };
    case 'emoji':
      return { kind: 'emoji', imageURL: emojiImage?.dataURL ?? null, emoji: d.data ?? null, loading: emojiImage?.loading ?? false };
    case 'nothing':
      return { kind: 'nothing' };
    case 'unknown':
      return { kind: 'unsupported', rawType: d.rawType };
  }
}

export function displayView(s: DisplayStep, revision: number, emojiImage: EmojiImage | null): Extract<StepView, { type: 'display_and_wait' }> {
  return { type: 'display_and_wait', stepID: s.stepID, instructions: s.instructions ?? null, display: displayOf(s.display, emojiImage), revision };
}

/** A step or session status this app does not know: its instructions, if any, and what it was called. */
export function unsupportedView(step: UnknownStep | null, rawStatus: string | null): Extract<StepView, { type: 'unsupported' }> {
  return { type: 'unsupported', stepID: step?.stepID ?? null, instructions: step?.instructions ?? null, rawType: step?.rawType ?? rawStatus };
}

/** A fingerprint of what a display shows, to tell a new QR or code from the same one. */
export const displayKey = (s: DisplayStep): string => JSON.stringify(s.display);

/** The step a live session shows: the server's current step, or "finish in Beeper Desktop" for a status this app does not know. */
export function stepView(phase: SessionView['phase'], remote: LoginSession | null, revision: number, emojiImage: EmojiImage | null): StepView | null {
  const step = remote?.currentStep;
  if (!step) return phase === 'unsupported' ? unsupportedView(null, remote?.rawStatus ?? null) : null;
  switch (step.type) {
    case 'user_input':
      return userInputView(step);
    case 'cookies':
      return cookiesView(step);
    case 'display_and_wait':
      return displayView(step, revision, emojiImage);
    case 'unknown':
      return unsupportedView(step, remote.rawStatus);
    case 'complete':
      return null;
  }
}
