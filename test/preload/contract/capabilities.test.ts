import { describe, expect, it } from 'vitest';
import { NO_CAPABILITIES } from '../../../preload/contract/capabilities.ts';
import { AppSnapshotSchema } from '../../../preload/contract/views.ts';

describe('a host that offers nothing beyond the contract', () => {
  it('offers no capability, is frozen, and is what the snapshot schema accepts', () => {
    expect(NO_CAPABILITIES).toEqual({ captureWindow: false, desktopShell: false, startAtLogin: false });
    expect(Object.isFrozen(NO_CAPABILITIES)).toBe(true);
    expect(AppSnapshotSchema.shape.capabilities.parse(NO_CAPABILITIES)).toEqual(NO_CAPABILITIES);
  });
});
