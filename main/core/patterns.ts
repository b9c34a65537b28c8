/**
 * Regular expressions that come from Beeper Desktop (`pattern`, `requestURLRegex`,
 * `expectedFinalURLRegex`) are run against values a web page controls. They run on RE2 (`re2js`),
 * which matches in linear time, so no pattern can stall the main process — and RE2 is also the
 * dialect bridgev2 writes them in (Go's regexp). Each is compiled once; inputs are capped; a pattern
 * that cannot be compiled counts as "no pattern" and is reported once.
 */
import { RE2JS } from 're2js';

/** Longer inputs do not match: no cookie, header or URL the app needs is this long. */
export const MAX_PATTERN_INPUT = 16 * 1024;
const MAX_CACHED = 256;

export interface Pattern {
  /** Whether the pattern is found in the value (like RegExp#test, not a full match). */
  test(value: string): boolean;
}

const cache = new Map<string, Pattern | null>();

function build(source: string): Pattern | null {
  try {
    const re = RE2JS.compile(source);
    return { test: (value) => value.length <= MAX_PATTERN_INPUT && re.matcher(value).find() };
  } catch {
    return null;
  }
}

/** The compiled pattern, or null when there is none or it cannot be compiled (`onInvalid` is told the first time). */
export function compilePattern(source: string | null | undefined, onInvalid?: (source: string) => void): Pattern | null {
  if (!source) return null;
  if (cache.has(source)) return cache.get(source)!;
  const pattern = build(source);
  if (!pattern) onInvalid?.(source.slice(0, 200));
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(source, pattern);
  return pattern;
}
