/** main/policy/window-bounds.ts: saved window bounds restored only where they can still be grabbed. */
import { describe, expect, it } from 'vitest';
import { restoreBounds } from '../../../main/policy/window-bounds.ts';

describe('restoreBounds', () => {
  it('restores window bounds only if they are still on a screen', () => {
    const screens = [{ x: 0, y: 0, width: 1920, height: 1080 }];
    expect(restoreBounds({ x: 100, y: 100, width: 900, height: 700 }, screens, { width: 720, height: 520 })).toEqual({ x: 100, y: 100, width: 900, height: 700 });
    expect(restoreBounds({ x: 3000, y: 100, width: 900, height: 700 }, screens, { width: 720, height: 520 })).toBeNull(); // unplugged monitor
    expect(restoreBounds({ x: 0, y: 0, width: 100, height: 100 }, screens, { width: 720, height: 520 })).toEqual({ x: 0, y: 0, width: 720, height: 520 });
    expect(restoreBounds(null, screens, { width: 1, height: 1 })).toBeNull();
  });

  it('a window must keep 100 px across and 50 px down of a screen to be restored there', () => {
    const screen = [{ x: 0, y: 0, width: 1000, height: 800 }];
    const min = { width: 200, height: 200 };
    // Hanging off the right edge by all but exactly 100 px, and off the bottom by all but 50 px: kept.
    expect(restoreBounds({ x: 900, y: 750, width: 400, height: 300 }, screen, min)).toEqual({ x: 900, y: 750, width: 400, height: 300 });
    expect(restoreBounds({ x: 901, y: 750, width: 400, height: 300 }, screen, min)).toBeNull();
    expect(restoreBounds({ x: 900, y: 751, width: 400, height: 300 }, screen, min)).toBeNull();
    // Off the left and top edges the same way.
    expect(restoreBounds({ x: -300, y: -250, width: 400, height: 300 }, screen, min)).toEqual({ x: -300, y: -250, width: 400, height: 300 });
    expect(restoreBounds({ x: -301, y: -250, width: 400, height: 300 }, screen, min)).toBeNull();
    expect(restoreBounds({ x: -300, y: -251, width: 400, height: 300 }, screen, min)).toBeNull();
    // On a second screen below the first: measured against that one; never bigger than it.
    const two = [...screen, { x: 0, y: 800, width: 600, height: 400 }];
    expect(restoreBounds({ x: 10, y: 900, width: 900, height: 900 }, two, min)).toEqual({ x: 10, y: 900, width: 600, height: 400 });
  });
});
