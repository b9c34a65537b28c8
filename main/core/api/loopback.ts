/**
 * Loopback addresses: traffic that never leaves this computer. Its own module, free of imports,
 * because the window's lockdown (main/policy/security.ts) needs it before the rest of main loads.
 */

/** 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}
