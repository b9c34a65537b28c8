/**
 * Code the window loads on first use (a screen's chunk, a network's logo): asked for once however
 * often it is wanted, asked again after a failure, and a component that wants it draws again when
 * it has come.
 */
import { useState } from 'react';

export interface Loader<T> {
  /** The value, once loaded. */
  value(): T | undefined;
  /** Loads it (once); resolves when it is there. */
  load(): Promise<T>;
}

export function loadOnce<T>(load: () => Promise<T>): Loader<T> {
  let value: T | undefined;
  let loading: Promise<T> | null = null;
  return {
    value: () => value,
    load: () =>
      (loading ??= load().then(
        (v) => (value = v),
        (e: unknown) => {
          loading = null; // the next one who wants it asks again
          throw e;
        },
      )),
  };
}

/** The loader's value now, or undefined while it loads (and the component draws again once it has come). */
export function useLoaded<T>(loader: Loader<T> | undefined): T | undefined {
  const [, rerender] = useState(0);
  const value = loader?.value();
  if (loader && value === undefined)
    void loader.load().then(
      () => rerender((n) => n + 1),
      () => undefined,
    );
  return value;
}
