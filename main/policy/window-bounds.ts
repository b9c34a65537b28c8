/** Where the window opens again: its saved bounds, if they still fit on a screen. Plain Node. */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Saved bounds, if they still fit on a screen (a monitor may have been unplugged); else null. */
export function restoreBounds(saved: Rect | null, workAreas: Rect[], min: { width: number; height: number }): Rect | null {
  if (!saved) return null;
  const width = Math.max(min.width, saved.width);
  const height = Math.max(min.height, saved.height);
  const visible = workAreas.find((a) => {
    const overlapX = Math.min(saved.x + width, a.x + a.width) - Math.max(saved.x, a.x);
    const overlapY = Math.min(saved.y + height, a.y + a.height) - Math.max(saved.y, a.y);
    return overlapX >= 100 && overlapY >= 50; // enough of the title bar to grab
  });
  if (!visible) return null;
  return { x: saved.x, y: saved.y, width: Math.min(width, visible.width), height: Math.min(height, visible.height) };
}
