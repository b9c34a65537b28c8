/**
 * The preview asks for the window's first state before its code has loaded, as the Electron preload
 * does: the boot script's socket asks in its handshake (preload/contract/preview-socket.ts), and the
 * page takes that socket and that answer over.
 */
import { expect, test } from './fixtures.ts';

test('the page opens one socket, which asked for the first state in its handshake and was answered', async ({ page, stack }) => {
  const sockets: string[] = [];
  const received: string[] = [];
  page.on('websocket', (ws) => {
    sockets.push(ws.url());
    ws.on('framereceived', (f) => received.push(String(f.payload)));
  });
  await page.goto(stack.host.url);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(sockets).toHaveLength(1);
  expect(new URL(sockets[0]!).searchParams.has('firstState')).toBe(true);
  expect(received.map((f) => JSON.parse(f) as { id?: number }).filter((m) => m.id === 0)).toEqual([expect.objectContaining({ envelope: expect.objectContaining({ ok: true }) })]);
});
