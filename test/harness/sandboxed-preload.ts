/**
 * The page side of the emulation, as scripts Chromium runs before any page script.
 *
 * `sandboxedPreloadScript` runs the real preload bundle the way Electron runs a sandboxed
 * preload: CommonJS, with a `require` that offers only what Electron gives one (`electron`'s
 * renderer modules, `events`, `timers`, `url`) and throws "module not found" for anything else,
 * in the top frame only (nodeIntegrationInSubFrames is off). Its `contextBridge` copies values
 * into the page as Electron does: functions are wrapped, objects copied and frozen, class
 * prototypes dropped, and an Error crossing the bridge keeps only its message.
 *
 * Chromium here has no isolated world for the preload, so its variables live in a closure of
 * the main world rather than another world; the page still sees only what it was given.
 *
 * `permissionScript` sends the page's permission requests (clipboard, notifications, media,
 * geolocation) to the session's handlers in the main process before Chromium's own.
 */

/** Everything before the bundle, on one line, so stack traces keep the bundle's line numbers. */
const RUNTIME = `(() => {
  if (window.top !== window) return;
  const invoke = window.__bamElectronIpc;
  try { delete window.__bamElectronIpc; } catch {}
  const listeners = new Map();
  /* Electron's contextBridge copies: functions wrapped, objects copied and frozen. */
  const copyOut = (value, seen = new Map()) => {
    if (typeof value === 'function') return (...args) => {
      const result = value(...args.map((a) => copyIn(a)));
      return result instanceof Promise ? result.then((v) => copyOut(v), (e) => { throw copyError(e); }) : copyOut(result);
    };
    if (value === null || typeof value !== 'object') return value;
    if (value instanceof Error) return copyError(value);
    if (seen.has(value)) return seen.get(value);
    const out = Array.isArray(value) ? [] : {};
    seen.set(value, out);
    for (const k of Object.keys(value)) out[k] = copyOut(value[k], seen);
    return Object.freeze(out);
  };
  const copyIn = (value) => (typeof value === 'function' ? (...args) => value(...args.map((a) => copyOut(a))) : value === null || typeof value !== 'object' ? value : structuredClone(value));
  /* "Any custom properties on the Error object will be lost" (Electron's contextBridge docs). */
  const copyError = (e) => new Error(e && typeof e === 'object' && 'message' in e ? String(e.message) : String(e));
  const ipcRenderer = {
    invoke: async (channel, ...args) => invoke({ channel, args: structuredClone(args) }),
    on(channel, listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel).add(listener);
      return ipcRenderer;
    },
    once(channel, listener) {
      const once = (...a) => { ipcRenderer.removeListener(channel, once); listener(...a); };
      return ipcRenderer.on(channel, once);
    },
    removeListener(channel, listener) {
      listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
    removeAllListeners(channel) {
      listeners.delete(channel);
      return ipcRenderer;
    },
    send() { throw new Error('ipcRenderer.send is not part of this harness: the app uses invoke'); },
    sendSync() { throw new Error('ipcRenderer.sendSync is not part of this harness: the app uses invoke'); },
  };
  Object.defineProperty(window, '__bamElectronDeliver', {
    value: (channel, args) => {
      const event = { sender: ipcRenderer, senderId: 0, ports: [] };
      for (const l of [...(listeners.get(channel) ?? [])]) l(event, ...args);
    },
  });
  const contextBridge = {
    exposeInMainWorld(key, api) {
      if (Object.prototype.hasOwnProperty.call(window, key)) throw new Error('Cannot bind an API on top of an existing property on the window object');
      Object.defineProperty(window, key, { value: copyOut(api), enumerable: true, writable: false, configurable: false });
    },
  };
  const electron = Object.freeze({
    contextBridge,
    ipcRenderer,
    webFrame: { setZoomFactor() {}, getZoomFactor: () => 1 },
    webUtils: { getPathForFile: () => '' },
  });
  class EventEmitter {
    constructor() { this._l = new Map(); }
    on(n, f) { (this._l.get(n) ?? this._l.set(n, []).get(n)).push(f); return this; }
    off(n, f) { this._l.set(n, (this._l.get(n) ?? []).filter((g) => g !== f)); return this; }
    emit(n, ...a) { for (const f of this._l.get(n) ?? []) f(...a); return (this._l.get(n) ?? []).length > 0; }
  }
  const allowed = {
    electron,
    events: { EventEmitter, default: EventEmitter },
    timers: { setTimeout, clearTimeout, setInterval, clearInterval },
    url: { URL, URLSearchParams },
  };
  const require = (name) => {
    const id = String(name).replace(/^node:/, '');
    if (Object.prototype.hasOwnProperty.call(allowed, id)) return allowed[id];
    throw new Error('module not found: ' + name);
  };
  const process = Object.freeze({ type: 'renderer', sandboxed: true, contextIsolated: true, platform: 'linux', env: {}, versions: Object.freeze({ electron: '45.5.0', chrome: '142.0.0.0' }) });
  const module = { exports: {} };
  (function (require, module, exports, process, __filename, __dirname) {`.replace(/\n\s*/g, ' ');

/** The name the wrapped preload has in Chromium's coverage and stack traces. */
export const PRELOAD_SCRIPT_URL = 'electron-sandboxed-preload.js';

/** The preload bundle, wrapped as Electron's sandboxed loader would run it. */
export function sandboxedPreloadScript(bundle: string): string {
  return `${RUNTIME}${bundle}
  })(require, module, module.exports, process, 'preload/index.cjs', 'preload');
})();
//# sourceURL=${PRELOAD_SCRIPT_URL}`;
}

/** Routes the page's permission requests through the app's session handlers first. */
export function permissionScript(): string {
  return `(() => {
  const ask = window.__bamElectronPermission;
  if (!ask) return;
  const denied = (what) => new DOMException(what + ' was denied by the app.', 'NotAllowedError');
  const guard = (obj, method, permission) => {
    if (!obj || typeof obj[method] !== 'function') return;
    const original = obj[method].bind(obj);
    obj[method] = async (...args) => {
      if (!(await ask({ permission, check: false }))) throw denied(permission);
      return original(...args);
    };
  };
  if (navigator.clipboard) {
    guard(navigator.clipboard, 'writeText', 'clipboard-sanitized-write');
    guard(navigator.clipboard, 'write', 'clipboard-sanitized-write');
    guard(navigator.clipboard, 'readText', 'clipboard-read');
    guard(navigator.clipboard, 'read', 'clipboard-read');
  }
  if (navigator.mediaDevices) guard(navigator.mediaDevices, 'getUserMedia', 'media');
  if (window.Notification) {
    const request = window.Notification.requestPermission.bind(window.Notification);
    window.Notification.requestPermission = async () => ((await ask({ permission: 'notifications', check: false })) ? request() : 'denied');
  }
  if (navigator.geolocation) {
    const get = navigator.geolocation.getCurrentPosition.bind(navigator.geolocation);
    navigator.geolocation.getCurrentPosition = (ok, fail, o) => {
      void ask({ permission: 'geolocation', check: false }).then((yes) => (yes ? get(ok, fail, o) : fail?.({ code: 1, message: 'User denied Geolocation' })));
    };
  }
  if (navigator.permissions) {
    const query = navigator.permissions.query.bind(navigator.permissions);
    const names = { 'clipboard-write': 'clipboard-sanitized-write', 'clipboard-read': 'clipboard-read', notifications: 'notifications', geolocation: 'geolocation', camera: 'media', microphone: 'media' };
    navigator.permissions.query = async (d) => {
      const permission = names[d && d.name];
      if (permission && !(await ask({ permission, check: true }))) return { name: d.name, state: 'denied', onchange: null };
      return query(d);
    };
  }
})();`;
}
