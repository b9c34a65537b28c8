/**
 * Where the token may go. Beeper Desktop's token is good for one server: it is sent only to the
 * origin that issued it, its sign-in endpoints must live on that origin, and it never travels in
 * clear text off this computer (plain http:// only to a loopback address).
 */
import { AppError } from '../errors.ts';
import { t } from '../i18n.ts';
import { isLoopbackHost } from './loopback.ts';

export const originOf = (url: string): string => new URL(url).origin;

/**
 * The API address as the app keeps it (`scheme://host:port`), or an error that says what is wrong:
 * not http(s), or plain http:// to another computer.
 */
export function checkServerAddress(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new AppError('invalid_input', t('error.addressExample'));
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new AppError('invalid_input', t('error.addressExample'));
  if (u.protocol === 'http:' && !isLoopbackHost(u.hostname)) {
    throw new AppError('invalid_input', t('error.remoteNeedsHttps'));
  }
  return u.origin;
}

/**
 * An endpoint Beeper Desktop names (OAuth, userinfo, revocation), resolved against its address.
 * It must be on the API's own origin: the token is never sent anywhere else.
 */
export function sameOriginEndpoint(baseURL: string, endpoint: string | undefined, fallbackPath: string): string {
  const url = new URL(endpoint ?? fallbackPath, baseURL);
  if (url.origin !== originOf(baseURL)) {
    throw new AppError('sign_in_failed', t('error.otherServer', { host: url.host }), {
      code: 'CROSS_ORIGIN_ENDPOINT',
    });
  }
  return url.toString();
}
