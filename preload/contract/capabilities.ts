/** What a host offers beyond the contract; a module of its own so that the window reads it without zod. */
import type { Capabilities } from './views.ts';

/** A host that offers none of them (the browser preview, or before the first snapshot). */
export const NO_CAPABILITIES: Capabilities = Object.freeze({ captureWindow: false, desktopShell: false, startAtLogin: false });
