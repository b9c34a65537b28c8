/**
 * 10. Requests per real minute while a QR code waits, against a server that answers every
 * `display_and_wait` at once with the same QR (nothing in the API promises a long-poll). The real
 * session engine and API client talk HTTP to a minimal server of that kind, on loopback.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BeeperApi } from '../../main/core/api/client.ts';
import { Logger } from '../../main/core/log.ts';
import { SessionEngine } from '../../main/core/sessions/engine.ts';
import { distribution, type BenchContext, type Figure } from '../support/stats.ts';

const SESSION = { bridgeID: 'b', loginSessionID: 'ls_1', status: 'waiting_for_display', currentStep: { type: 'display_and_wait', stepID: 'qr', display: { type: 'qr', data: 'SAME' } } };

export async function pollPacing(ctx: BenchContext): Promise<Figure> {
  let polls = 0;
  const server = createServer((req, res) => {
    if (req.method === 'POST' && req.url?.includes('/steps/')) polls++;
    const body = req.method === 'DELETE' ? { bridgeID: 'b', loginSessionID: 'ls_1', status: 'cancelled' } : SESSION;
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const api = new BeeperApi({ baseURL, getToken: () => 'bench-token-123456' });
  const engine = new SessionEngine({ api: () => api, log: new Logger(), bridgeName: () => 'Network', onComplete: () => {} });
  const windowMs = ctx.smoke ? 2_000 : 60_000;
  try {
    const s = await engine.start({ bridgeID: 'b' });
    await new Promise((r) => setTimeout(r, windowMs));
    await engine.cancel(s.id);
  } finally {
    await new Promise((r) => server.close(r));
  }
  const perMinute = (polls * 60_000) / windowMs;
  return {
    id: 10,
    name: 'Requests/min while a QR waits, server answers at once',
    unit: 'req/min',
    measured: distribution([perMinute]),
    baseline: null,
    ratio: null,
    compared: 'per real minute',
    value: perMinute,
    goal: '≤ 20',
    met: perMinute <= 20,
    notes: [`${polls} polls in ${windowMs / 1000} s; without pacing the same server is asked as fast as loopback answers`],
  };
}
