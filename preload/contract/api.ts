/**
 * The API the renderer sees (`window.beeperAccountManager` in Electron; the same object built over
 * a WebSocket in the browser preview). One named method per invoke channel, plus `on` for events.
 * Methods reject with an Error carrying main's message (a RemoteError with its `kind` and `code` in the
 * preview; in Electron the context bridge copies only an error's message, so the window decides
 * nothing from those).
 */
import { INVOKE, type Envelope, type EventChannel, type InvokeMethod } from './channels.ts';
import type { EventPayload, EventSchemas, RequestOf, ResponseOf } from './schemas.ts';

type ChannelOf<M extends InvokeMethod> = (typeof INVOKE)[M];

export type ApiMethods = {
  [M in InvokeMethod]: RequestOf<ChannelOf<M>> extends undefined
    ? () => Promise<ResponseOf<ChannelOf<M>>>
    : (request: RequestOf<ChannelOf<M>>) => Promise<ResponseOf<ChannelOf<M>>>;
};

export interface BeeperAccountManagerAPI extends ApiMethods {
  /** Subscribes to a pushed event; returns the unsubscribe function. */
  on<E extends keyof EventSchemas>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export class RemoteError extends Error {
  readonly kind: string;
  readonly code: string | undefined;
  constructor(error: { kind: string; message: string; code?: string }) {
    super(error.message);
    this.name = 'RemoteError';
    this.kind = error.kind;
    this.code = error.code;
  }
}

/** How the API reaches main: ipcRenderer in the Electron preload, a WebSocket in the browser preview. */
export interface Transport {
  invoke(channel: string, payload: unknown): Promise<Envelope<unknown>>;
  subscribe(channel: EventChannel, listener: (payload: unknown) => void): () => void;
}

/**
 * Builds the renderer API from a transport. Used by the Electron preload (ipcRenderer) and the
 * browser preview (WebSocket), so both expose exactly the same named methods.
 */
export function buildApi(transport: Transport): BeeperAccountManagerAPI {
  const api: Record<string, unknown> = {};
  for (const [method, channel] of Object.entries(INVOKE)) {
    api[method] = async (request?: unknown) => {
      const envelope = await transport.invoke(channel, request);
      if (!envelope.ok) throw new RemoteError(envelope.error);
      return envelope.value;
    };
  }
  api['on'] = (event: EventChannel, listener: (payload: unknown) => void) => transport.subscribe(event, listener);
  return Object.freeze(api) as unknown as BeeperAccountManagerAPI;
}
