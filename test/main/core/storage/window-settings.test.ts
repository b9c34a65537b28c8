/** main/core/storage/window-settings.ts: the window's settings before and after the store is up. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SettingsSchema, type Settings } from '../../../../main/core/storage/settings.ts';
import { peekWindowSettings, WindowSettings, type WindowSettingValues } from '../../../../main/core/storage/window-settings.ts';

const pick = (s: Settings): WindowSettingValues => ({ windowBounds: s.windowBounds, closeToTray: s.closeToTray, startMinimized: s.startMinimized });

/** Numbers around every edge the schema has: whole or not, the 200 minimum, the safe-integer limit. */
const edgyNumber = fc.oneof(
  fc.integer({ min: -5000, max: 5000 }),
  fc.constantFrom(199, 200, 201, 0.5, 200.5, -0, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 1, -Number.MAX_SAFE_INTEGER - 1, 1e300),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const anyValue = fc.oneof(fc.boolean(), fc.string(), fc.constant(null), edgyNumber, fc.array(fc.integer(), { maxLength: 2 }));
const bounds = fc.record(
  { x: fc.oneof(edgyNumber, anyValue), y: edgyNumber, width: fc.oneof(edgyNumber, anyValue), height: edgyNumber, maximized: fc.oneof(fc.boolean(), anyValue), extra: anyValue },
  { requiredKeys: ['x', 'y', 'width', 'height'] },
);
const file = fc.oneof(
  fc.record({ windowBounds: fc.oneof(bounds, anyValue), closeToTray: anyValue, startMinimized: anyValue, notifications: anyValue }, { requiredKeys: [] }),
  anyValue,
);

describe('the window settings read from the file', () => {
  it('agree with the settings schema on any file', () => {
    fc.assert(
      fc.property(file, (raw) => {
        const schema = pick(SettingsSchema.parse(typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : {}));
        expect(peekWindowSettings(raw)).toEqual(schema);
      }),
      { numRuns: 2000 },
    );
  });

  it('bounds: at least 200 by 200, whole numbers, "maximized" a real yes or no', () => {
    const b = { x: 0, y: 0, width: 200, height: 200 };
    expect(peekWindowSettings({ windowBounds: b }).windowBounds).toEqual({ ...b, maximized: false });
    expect(peekWindowSettings({ windowBounds: { ...b, maximized: true } }).windowBounds).toEqual({ ...b, maximized: true });
    for (const bad of [{ width: 199 }, { height: 199 }, { x: 0.5 }, { y: '1' }, { maximized: 'yes' }, { maximized: null }]) {
      expect(peekWindowSettings({ windowBounds: { ...b, ...bad } }).windowBounds, JSON.stringify(bad)).toBeNull();
    }
  });

  it('a missing or broken file gives the defaults: open at start, close to the tray, no remembered place', () => {
    for (const raw of [undefined, null, 'x', [1], {}]) expect(peekWindowSettings(raw)).toEqual({ windowBounds: null, closeToTray: true, startMinimized: false });
    expect(peekWindowSettings({ windowBounds: { x: -10, y: 5, width: 800, height: 600 }, closeToTray: false, startMinimized: true })).toEqual({
      windowBounds: { x: -10, y: 5, width: 800, height: 600, maximized: false },
      closeToTray: false,
      startMinimized: true,
    });
  });
});

describe('WindowSettings', () => {
  const early = { windowBounds: null, closeToTray: true, startMinimized: false };

  it('answers from the file until the store is attached, then from the store', () => {
    const w = new WindowSettings(early);
    expect(w.get('closeToTray')).toBe(true);
    const store = { values: { ...early, closeToTray: false }, get: (k: keyof WindowSettingValues) => store.values[k], update: () => store.values as never };
    w.attach(store as never);
    expect(w.get('closeToTray')).toBe(false);
  });

  it('keeps a change made before the store is up, and writes it (only once) when it is', () => {
    const w = new WindowSettings(early);
    const b = { x: 1, y: 2, width: 800, height: 600, maximized: false };
    w.update({ windowBounds: b });
    expect(w.get('windowBounds')).toEqual(b);
    const patches: unknown[] = [];
    const store = { get: () => null, update: (p: unknown) => (patches.push(p), undefined as never) };
    w.attach(store as never);
    expect(patches).toEqual([{ windowBounds: b }]);
    w.update({ closeToTray: false });
    expect(patches).toEqual([{ windowBounds: b }, { closeToTray: false }]);
  });

  it('attaching with nothing changed writes nothing; the early values are its own copy', () => {
    const mine = { ...early };
    const w = new WindowSettings(mine);
    w.update({ startMinimized: true });
    expect(mine.startMinimized).toBe(false);
    const fresh = new WindowSettings(early);
    const patches: unknown[] = [];
    fresh.attach({ get: () => null, update: (p: unknown) => (patches.push(p), undefined as never) } as never);
    expect(patches).toEqual([]);
  });
});
