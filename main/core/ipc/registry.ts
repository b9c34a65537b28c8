/**
 * The one IPC handler registry, independent of any transport. The Electron shell binds it to
 * ipcMain.handle; the WebSocket host (browser preview, e2e tests) binds it to its socket. Either
 * way every request is checked — the sender first, then the payload against the channel's schema —
 * before a handler runs, and every answer is parsed through the response schema (dropping any
 * field the contract does not name) and wrapped in an envelope, so errors cross as data.
 */
import type { z } from 'zod';
import type { Envelope, InvokeChannel } from '../../../preload/contract/channels.ts';
import { eventSchemas, invokeSchemas, type EventPayload, type EventSchemas, type RequestOf, type ResponseOf } from '../../../preload/contract/schemas.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../log.ts';
import { t } from '../i18n.ts';

export interface SenderInfo {
  transport: 'electron' | 'websocket';
  /** webContents ID + frame, or the socket's connection ID. */
  id: string;
  /** The document URL of the sender (Electron) or the Origin of the socket. */
  url?: string | undefined;
}

/** Longest validation message a reply or the log carries: a payload cannot make either grow. */
export const MAX_ERROR_MESSAGE = 200;

/**
 * Cheap size checks before any schema runs: no object in the payload (two levels deep) has more
 * keys, and no list more items, than any channel accepts. Stops counting at the limit.
 */
export function withinSizeLimits(value: unknown, depth = 0): boolean {
  // Stryker disable next-line ConditionalExpression: equivalent, `null` passes the key count below with no keys
  if (value === null || typeof value !== 'object' || depth > 2) return true;
  if (Array.isArray(value)) return value.length <= 256 && value.every((v) => withinSizeLimits(v, depth + 1));
  let n = 0;
  for (const k in value) {
    if (!Object.hasOwn(value, k)) continue;
    if (++n > 64 || k.length > 512) return false;
    if (!withinSizeLimits((value as Record<string, unknown>)[k], depth + 1)) return false;
  }
  return true;
}

/** A text cut to MAX_ERROR_MESSAGE characters, the last one an ellipsis when cut. */
export const bounded = (text: string): string => (text.length > MAX_ERROR_MESSAGE ? `${text.slice(0, MAX_ERROR_MESSAGE - 1)}…` : text);

export type Handler<C extends InvokeChannel> = (request: RequestOf<C>, sender: SenderInfo) => Promise<ResponseOf<C>> | ResponseOf<C>;

export class IpcRegistry {
  private readonly handlers = new Map<InvokeChannel, Handler<InvokeChannel>>();
  private readonly log: Logger;
  private readonly isTrustedSender: (sender: SenderInfo) => boolean;

  constructor(opts: { log: Logger; isTrustedSender: (sender: SenderInfo) => boolean }) {
    this.log = opts.log;
    this.isTrustedSender = opts.isTrustedSender;
  }

  handle<C extends InvokeChannel>(channel: C, handler: Handler<C>): void {
    if (this.handlers.has(channel)) throw new Error(`IPC channel ${channel} already has a handler`);
    this.handlers.set(channel, handler);
  }

  channels(): InvokeChannel[] {
    return [...this.handlers.keys()];
  }

  async invoke(channel: string, payload: unknown, sender: SenderInfo): Promise<Envelope<unknown>> {
    const fail = (error: AppError): Envelope<unknown> => ({ ok: false, error: { kind: error.kind, message: error.message, ...(error.code ? { code: error.code } : {}) } });
    if (!this.isTrustedSender(sender)) {
      this.log.warn('IPC request from an untrusted sender refused', { channel, transport: sender.transport, url: sender.url });
      return fail(new AppError('invalid_request', t('error.untrustedSender'), { code: 'UNTRUSTED_SENDER' }));
    }
    const handler = this.handlers.get(channel as InvokeChannel);
    const schemas = (invokeSchemas as Record<string, { request: z.ZodType; response: z.ZodType }>)[channel];
    if (!handler || !schemas) {
      this.log.warn('IPC request on an unknown channel', { channel: channel.slice(0, 100) });
      return fail(new AppError('invalid_request', t('error.unknownRequest'), { code: 'UNKNOWN_CHANNEL' }));
    }
    if (!withinSizeLimits(payload)) {
      this.log.warn('IPC request with an oversized payload refused', { channel });
      return fail(new AppError('invalid_request', t('error.requestTooLarge'), { code: 'INVALID_PAYLOAD' }));
    }
    const request = schemas.request.safeParse(payload);
    if (!request.success) {
      // Issue messages can quote what was sent (an unrecognised key): cut before anyone sees them.
      const where = bounded(
        request.error.issues
          .slice(0, 3)
          .map((i) => `${i.path.map(String).join('.').slice(0, 60) || 'payload'}: ${i.message.slice(0, 80)}`)
          .join('; '),
      );
      this.log.warn('IPC request with an invalid payload refused', { channel, issues: where });
      return fail(new AppError('invalid_request', bounded(t('error.invalidRequestAt', { where })), { code: 'INVALID_PAYLOAD' }));
    }
    try {
      const value: unknown = await handler(request.data as never, sender);
      const response = schemas.response.safeParse(value);
      if (!response.success) {
        this.log.error('IPC handler answered outside the contract', { channel, issues: response.error.issues.slice(0, 3).map((i) => i.path.join('.')) });
        return fail(new AppError('unknown', t('error.unknown'), { code: 'CONTRACT_VIOLATION' }));
      }
      return { ok: true, value: response.data };
    } catch (e) {
      if (e instanceof AppError) return fail(e);
      this.log.error('IPC handler failed', { channel, error: e });
      return fail(new AppError('unknown', t('error.unknown')));
    }
  }

  /** Validates an event payload (stripping anything outside the contract) before it is pushed. */
  event<E extends keyof EventSchemas>(event: E, payload: EventPayload<E>): EventPayload<E> | null {
    const parsed = (eventSchemas[event] as z.ZodType).safeParse(payload);
    if (parsed.success) return parsed.data as EventPayload<E>;
    this.log.error('event outside the contract dropped', { event, issues: parsed.error.issues.slice(0, 3).map((i) => i.path.join('.')) });
    return null;
  }
}
