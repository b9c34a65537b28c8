/** Pictures from Beeper Desktop reach the renderer only as data: URLs: its Content-Security-Policy loads nothing remote. */

/** The URL itself when it is an inline picture of a kind the renderer may show (at most 512 KB), else null. */
export function safeImageDataURL(url: string | undefined): string | null {
  return url && url.length <= 512 * 1024 && /^data:image\/(png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/=]+$/.test(url) ? url : null;
}
