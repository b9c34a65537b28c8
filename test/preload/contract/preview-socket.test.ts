/**
 * preload/contract/preview-socket.ts: the preview's socket asks for the first state in its
 * handshake. Against the real host and core: the answer comes unasked, as the answer to
 * FIRST_STATE_ID, and is what the contract says `app.getState` answers; the page's own questions
 * (numbered from 1) never meet it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { INVOKE } from '../../../preload/contract/channels.ts';
import { FIRST_STATE_ID, FIRST_STATE_PARAM } from '../../../preload/contract/preview-socket.ts';
import { invokeSchemas } from '../../../preload/contract/schemas.ts';
import { startStack, type Stack } from '../../host/stack.ts';

let stack: Stack;
let host: Stack['host'];

beforeAll(async () => {
  stack = await startStack();
  host = stack.host;
});
afterAll(() => stack.stop());

/** Opens a socket as the preview's boot script does, and collects what it hears from the start. */
function openAsking(): { ws: WebSocket; heard: Array<{ id?: number; envelope?: { ok: boolean; value?: unknown } }> } {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ipc?key=${host.key}&${FIRST_STATE_PARAM}`, { origin: host.url });
  const heard: Array<{ id?: number; envelope?: { ok: boolean; value?: unknown } }> = [];
  ws.on('message', (d) => heard.push(JSON.parse((d as Buffer).toString('utf8')) as (typeof heard)[number]));
  return { ws, heard };
}

it('the handshake’s question is answered unasked, with what the contract says getState answers', async () => {
  const { ws, heard } = openAsking();
  await expect.poll(() => heard.find((m) => m.id === FIRST_STATE_ID)).toBeDefined();
  const answer = heard.find((m) => m.id === FIRST_STATE_ID)!.envelope!;
  expect(answer.ok).toBe(true);
  expect(invokeSchemas[INVOKE.getState].response.safeParse(answer.value).success).toBe(true);
  ws.close();
});

it('a question the page numbers itself (from 1) gets its own answer, never the handshake’s', async () => {
  const { ws, heard } = openAsking();
  await new Promise((resolve) => ws.once('open', resolve));
  ws.send(JSON.stringify({ id: FIRST_STATE_ID + 1, channel: INVOKE.getState }));
  await expect.poll(() => heard.filter((m) => m.envelope).map((m) => m.id).sort()).toEqual([FIRST_STATE_ID, FIRST_STATE_ID + 1]);
  ws.close();
});
