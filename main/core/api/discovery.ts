/**
 * Finding Beeper Desktop (docs/beeper-desktop-api.md §1.1): the configured base URL first, then ports 23373–23392
 * on 127.0.0.1 and localhost, probing `GET /v1/info` with a short timeout, as beeper/cli does.
 * Probes run in parallel; the first candidate in preference order that answers like Beeper
 * Desktop wins. Then `/v1/app/setup` tells whether Beeper Desktop itself is signed in.
 */
import type { AppErrorJSON } from '../errors.ts';
import { AppError } from '../errors.ts';
import { BeeperApi } from './client.ts';
import { checkServerAddress } from './origin.ts';
import type { AppState, Info } from './schemas.ts';
import { t } from '../i18n.ts';

export const PROBE_PORTS = Array.from({ length: 20 }, (_, i) => 23373 + i);

export type Discovery =
  | { status: 'running'; baseURL: string; info: Info; appState: AppState; tried: string[] }
  | { status: 'not-running'; tried: string[]; error: AppErrorJSON };

/** A configured address as probed, or null when it may not be used (see origin.ts: no remote plain http). */
export function normalizeBaseURL(url: string): string | null {
  try {
    return checkServerAddress(url);
  } catch {
    return null;
  }
}

export function candidateURLs(configured?: string | null, ports: number[] = PROBE_PORTS): string[] {
  const out: string[] = [];
  const add = (u: string | null): void => {
    if (u && !out.includes(u)) out.push(u);
  };
  // Stryker disable next-line ConditionalExpression: equivalent, no address normalizes to nothing, which add() skips
  if (configured) add(normalizeBaseURL(configured));
  for (const port of ports) {
    add(`http://127.0.0.1:${port}`);
    add(`http://localhost:${port}`);
  }
  return out;
}

export interface DiscoverOptions {
  configured?: string | null;
  ports?: number[];
  probeTimeoutMs?: number;
  fetch?: typeof fetch;
}

export async function discover(opts: DiscoverOptions = {}): Promise<Discovery> {
  const candidates = candidateURLs(opts.configured, opts.ports);
  const timeoutMs = opts.probeTimeoutMs ?? 500;
  const probes = candidates.map(async (baseURL) => {
    const api = new BeeperApi({ baseURL, readRetries: 0, readTimeoutMs: timeoutMs, ...(opts.fetch ? { fetch: opts.fetch } : {}) });
    try {
      // Stryker disable next-line ObjectLiteral: equivalent, the client's read timeout is the same
      return { baseURL, api, info: await api.info({ timeoutMs }), error: null };
    } catch (e) {
      return { baseURL, api, info: null, error: e instanceof AppError ? e : null };
    }
  });
  const results = await Promise.all(probes);
  const found = results.find((r) => r.info);
  if (!found?.info) {
    // Something answered but not like Beeper Desktop: say so rather than "not running".
    // Stryker disable next-line OptionalChaining: equivalent, every probe failed here, and the client fails only with an AppError
    const odd = results.find((r) => r.error?.kind === 'invalid_response');
    const error = odd
      ? new AppError('invalid_response', t('error.notBeeper', { url: odd.baseURL }), { code: 'NOT_BEEPER' }).toJSON()
      : new AppError('not_running', t('error.desktopOff')).toJSON();
    return { status: 'not-running', tried: candidates, error };
  }
  let appState: AppState = 'unknown';
  try {
    appState = await found.api.appState();
  } catch {
    // Not fatal: older servers lack the route; the UI just cannot tell.
  }
  return { status: 'running', baseURL: found.baseURL, info: found.info, appState, tried: candidates.slice(0, candidates.indexOf(found.baseURL) + 1) };
}
