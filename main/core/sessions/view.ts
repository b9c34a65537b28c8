/** Turns API login steps into the step views the renderer shows (no secrets, nothing remote). */
import type { CookieFieldView, InputFieldView, StepView } from '../../../preload/contract/views.ts';
import type { CookiesStep, DisplayStep, InputField, UserInputStep } from '../api/schemas.ts';

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
  return {
    id: f.id,
    label: f.label?.trim() || humanize(f.id),
    placeholder: f.placeholder ?? null,
    initialValue: f.initialValue ?? null,
    optional: f.optional === true,
    kind: options.length > 0 ? 'select' : (KIND[f.type ?? 'text'] ?? 'text'),
    pattern: f.pattern ?? null,
    options,
  };
}

const ATTACHMENT_KIND: Record<string, 'image' | 'audio'> = { 'm.image': 'image', 'm.audio': 'audio' };

export function userInputView(s: UserInputStep): Extract<StepView, { type: 'user_input' }> {
  return {
    type: 'user_input',
    stepID: s.stepID,
    instructions: s.instructions ?? null,
    fields: s.fields.map(inputFieldView),
    attachments: (s.attachments ?? []).map((a) => {
      const mime = a.info?.mimetype ?? '';
      const kind = ATTACHMENT_KIND[a.type ?? ''] ?? (mime.startsWith('image/') ? 'image' : mime.startsWith('audio/') ? 'audio' : 'file');
      const dataURL = a.content && /^(image|audio)\/[\w.+-]+$/.test(mime) && /^[A-Za-z0-9+/=\s]+$/.test(a.content) ? `data:${mime};base64,${a.content.replace(/\s+/g, '')}` : null;
      return { kind, name: a.filename ?? 'attachment', dataURL };
    }),
    retry: /\.incorrect$/.test(s.stepID),
  };
}

export function cookieFieldViews(s: CookiesStep): CookieFieldView[] {
  return s.fields.map((f) => ({
    id: f.id,
    name: f.name ?? f.id,
    source: f.type ?? 'special',
    required: f.required !== false,
    pattern: f.pattern ?? null,
  }));
}

export function cookiesView(s: CookiesStep): Extract<StepView, { type: 'cookies' }> {
  return { type: 'cookies', stepID: s.stepID, instructions: s.instructions ?? null, url: s.url, fields: cookieFieldViews(s) };
}

export function displayView(s: DisplayStep, revision: number, emojiImage: string | null): Extract<StepView, { type: 'display' }> {
  const d = s.display;
  const display: Extract<StepView, { type: 'display' }>['display'] =
    d.type === 'qr'
      ? { kind: 'qr', data: d.data }
      : d.type === 'code'
        ? { kind: 'code', data: d.data }
        : d.type === 'emoji'
          ? { kind: 'emoji', imageURL: emojiImage, emoji: d.data ?? null }
          : { kind: 'nothing' };
  return { type: 'display', stepID: s.stepID, instructions: s.instructions ?? null, display, revision };
}

/** A fingerprint of what a display shows, to tell a new QR or code from the same one. */
export const displayKey = (s: DisplayStep): string => JSON.stringify(s.display);
