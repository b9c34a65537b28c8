/**
 * When the window first draws. Main answers the first question at once (its state is in memory), so
 * the window waits for the answer and draws its first screen straight away: no splash flashing for
 * a frame or two before the list. Only an answer slower than SPLASH_AFTER_MS shows the splash
 * meanwhile. Drawing nothing first also leaves the main thread free for the answer to arrive.
 */
export const SPLASH_AFTER_MS = 200;

export function drawOnceReady(ready: Promise<unknown>, draw: () => void): void {
  let drawn = false;
  const once = (): void => {
    if (drawn) return;
    drawn = true;
    clearTimeout(splash);
    draw();
  };
  const splash = setTimeout(once, SPLASH_AFTER_MS);
  ready.then(once, once);
}
