/**
 * Logging that cannot leak credentials: every line and its data pass through redaction before any
 * sink sees them. Secrets are registered as they become known (the access token, OAuth codes and
 * verifiers); values under sensitive keys (tokens, passwords, cookies, step fields) are dropped
 * whatever they contain; `Bearer …` and `token=…` shapes are masked as a last line of defence.
 * Data is bounded too (long strings, big objects and lists are cut), so nothing a renderer or a
 * server sends can blow a log line up.
 */
import { appendFileSync, existsSync, renameSync, statSync } from 'node:fs';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface LogEntry {
  time: string;
  level: LogLevel;
  scope: string;
  message: string;
  data?: unknown;
}

export type LogSink = (entry: LogEntry) => void;

export const REDACTED = '[redacted]';

/** Bounds on what one log entry carries. */
export const LOG_LIMITS = { string: 2_000, keys: 50, items: 50 } as const;

const cut = (text: string): string => (text.length > LOG_LIMITS.string ? `${text.slice(0, LOG_LIMITS.string)}…[+${text.length - LOG_LIMITS.string} chars]` : text);

/**
 * Keys whose values are dropped whatever they hold: credentials, and the values a user typed or a
 * sign-in page gave (a step's `fields`, `values`, cookies). Not `code`: that is an error's code
 * (GATEWAY_TIMEOUT, FI.MAU.…), which support needs; a typed code only ever travels under `fields` or
 * `values`, and an OAuth code is a registered secret.
 */
const SENSITIVE_KEY = /^(access_?token|token|refresh_?token|authorization|password|passphrase|secret|cookie|cookies|fields|code_?verifier|verifier|values|ciphertext)$/i;

export class SecretRegistry {
  private readonly secrets = new Set<string>();

  add(secret: string | null | undefined): void {
    // Very short strings would redact ordinary words; real secrets here are long.
    if (secret && secret.length >= 8) this.secrets.add(secret);
  }

  redactText(text: string): string {
    let out = text;
    for (const s of this.secrets) out = out.split(s).join(REDACTED);
    return out
      .replace(/(bearer\s+)[^\s"',]+/gi, `$1${REDACTED}`)
      .replace(/((?:access_token|token|code_verifier|code|password)=)[^&\s"']+/gi, `$1${REDACTED}`);
  }

  redact(value: unknown, depth = 0): unknown {
    if (typeof value === 'string') return cut(this.redactText(value));
    if (value === null || typeof value !== 'object') return value;
    if (depth > 6) return '[…]';
    if (value instanceof Error) return { name: value.name, message: cut(this.redactText(value.message)) };
    if (Array.isArray(value)) {
      const items = value.slice(0, LOG_LIMITS.items).map((v) => this.redact(v, depth + 1));
      return value.length > LOG_LIMITS.items ? [...items, `…[+${value.length - LOG_LIMITS.items} items]`] : items;
    }
    const out: Record<string, unknown> = {};
    let n = 0;
    for (const k in value) {
      if (!Object.hasOwn(value, k)) continue;
      if (++n > LOG_LIMITS.keys) {
        out['…'] = 'more keys left out';
        break;
      }
      out[cut(k)] = SENSITIVE_KEY.test(k) ? REDACTED : this.redact((value as Record<string, unknown>)[k], depth + 1);
    }
    return out;
  }
}

export class Logger {
  private readonly sinks: LogSink[];
  private readonly level: LogLevel;
  readonly secrets: SecretRegistry;
  private readonly scope: string;

  constructor(opts: { sinks?: LogSink[]; level?: LogLevel; secrets?: SecretRegistry; scope?: string } = {}) {
    this.sinks = opts.sinks ?? [];
    this.level = opts.level ?? 'info';
    this.secrets = opts.secrets ?? new SecretRegistry();
    this.scope = opts.scope ?? 'app';
  }

  child(scope: string): Logger {
    return new Logger({ sinks: this.sinks, level: this.level, secrets: this.secrets, scope: `${this.scope}:${scope}` });
  }

  private write(level: LogLevel, message: string, data?: unknown): void {
    if (ORDER[level] < ORDER[this.level]) return;
    const entry: LogEntry = { time: new Date().toISOString(), level, scope: this.scope, message: cut(this.secrets.redactText(message)) };
    if (data !== undefined) entry.data = this.secrets.redact(data);
    for (const sink of this.sinks) {
      try {
        sink(entry);
      } catch {
        // A failing sink must never take the app down.
      }
    }
  }

  debug(message: string, data?: unknown): void {
    this.write('debug', message, data);
  }
  info(message: string, data?: unknown): void {
    this.write('info', message, data);
  }
  warn(message: string, data?: unknown): void {
    this.write('warn', message, data);
  }
  error(message: string, data?: unknown): void {
    this.write('error', message, data);
  }
}

/** Keeps a log file bounded: past `maxBytes`, it becomes `<name>.1.log` (replacing an older one). */
export function rotateLogFile(file: string, maxBytes = 5 * 1024 * 1024): boolean {
  try {
    if (!existsSync(file) || statSync(file).size < maxBytes) return false;
    renameSync(file, file.replace(/\.log$/, '') + '.1.log');
    return true;
  } catch {
    return false; // logging must never stop the app from starting
  }
}

/**
 * A sink that appends to a log file and keeps it bounded while the app runs: past `maxBytes` the
 * file is rotated (as at start-up), so a long session or a flood of warnings cannot fill the disk.
 */
export function fileSink(file: string, maxBytes = 5 * 1024 * 1024): LogSink {
  rotateLogFile(file, maxBytes);
  let size = existsSync(file) ? statSync(file).size : 0;
  return (e) => {
    const line = formatLine(e) + '\n';
    if (size + line.length > maxBytes && rotateLogFile(file, 0)) size = 0;
    appendFileSync(file, line);
    size += Buffer.byteLength(line);
  };
}

/** One JSON line per entry (for files and stderr). */
export const formatLine = (e: LogEntry): string => JSON.stringify(e);

/** How many of the latest lines main keeps in memory: the diagnostics report carries them. */
export const RECENT_LOG_LINES = 300;

/** A sink that keeps entries in memory (tests, and the "copy diagnostics" feature). */
export function memorySink(limit = 2000): { sink: LogSink; entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  return {
    entries,
    sink: (e) => {
      entries.push(e);
      entries.splice(0, entries.length - limit); // a negative count removes nothing
    },
  };
}

export const consoleSink: LogSink = (e) => {
  const line = formatLine(e);
  if (e.level === 'error' || e.level === 'warn') console.error(line);
  else console.warn(line);
};
