import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { drawOnceReady, SPLASH_AFTER_MS } from '../../../renderer/src/first-draw.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (e: Error) => void } {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('drawOnceReady', () => {
  it('a quick answer: nothing is drawn before it, the first screen once it is in', async () => {
    const ready = deferred();
    const draw = vi.fn();
    drawOnceReady(ready.promise, draw);
    await vi.advanceTimersByTimeAsync(SPLASH_AFTER_MS - 1);
    expect(draw).not.toHaveBeenCalled();
    ready.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(draw).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(SPLASH_AFTER_MS * 5);
    expect(draw).toHaveBeenCalledTimes(1);
  });

  it('a slow answer: the splash is drawn meanwhile, and the answer draws nothing again', async () => {
    const ready = deferred();
    const draw = vi.fn();
    drawOnceReady(ready.promise, draw);
    await vi.advanceTimersByTimeAsync(SPLASH_AFTER_MS);
    expect(draw).toHaveBeenCalledTimes(1);
    ready.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(draw).toHaveBeenCalledTimes(1);
  });

  it('a failed start still draws (the window shows what went wrong), once', async () => {
    const ready = deferred();
    const draw = vi.fn();
    drawOnceReady(ready.promise, draw);
    ready.reject(new Error('no main'));
    await vi.advanceTimersByTimeAsync(0);
    expect(draw).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(SPLASH_AFTER_MS);
    expect(draw).toHaveBeenCalledTimes(1);
  });
});
