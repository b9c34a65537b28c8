/**
 * 6. Requests per completed login, against the minimum the API allows: the flows (1), the start
 * (1), one request per step the user answers, and one long-poll per QR shown after the first.
 */
import { startSimulator } from '../../test/simulator/index.ts';
import { apiRequests, startCore, until } from '../support/core.ts';
import { distribution, type BenchContext, type Figure } from '../support/stats.ts';

export async function loginRequests(ctx: BenchContext): Promise<Figure[]> {
  const sim = await startSimulator({ port: 0, seed: 'large:20', config: { qrRotationMs: 150 } });
  const { core, stop } = await startCore(sim);
  const wa: number[] = [];
  const tg: number[] = [];
  const shapes = new Set<string>();
  const count = (): number => {
    const seen = apiRequests(sim).filter((r) => /\/login-(sessions|flows)/.test(r.path));
    for (const r of seen) shapes.add(`${r.method} ${r.path.replace(/\/(ls|ba)_[^/]+/g, '/…')}`);
    return seen.length;
  };
  try {
    for (let i = 0; i < ctx.reps(5); i++) {
      // WhatsApp by QR: the phone scans after three rotations.
      sim.core.log = [];
      let shown = 0;
      const off = sim.core.logins.onDisplay(() => void shown++);
      await core.loginFlows('local-whatsapp');
      const s = await core.sessions.start({ bridgeID: 'local-whatsapp', flowID: 'qr' });
      await until(() => shown >= 4);
      off();
      await fetch(`${sim.url}/__sim/bridges/local-whatsapp/scan`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      await until(() => core.sessions.get(s.id).phase === 'complete');
      wa.push(count());
      await core.sessions.dismiss(s.id);

      // Telegram by phone: a wrong code, then the right one, then the 2FA password.
      sim.core.log = [];
      await core.loginFlows('local-telegram');
      const t = await core.sessions.start({ bridgeID: 'local-telegram', flowID: 'phone' });
      await core.sessions.submitInput(t.id, { 'fi.mau.telegram.login.phone_number': `+1555867${String(5300 + i)}` });
      await core.sessions.submitInput(t.id, { 'fi.mau.telegram.login.code': '00000' });
      await core.sessions.submitInput(t.id, { 'fi.mau.telegram.login.code': '12345' });
      await core.sessions.submitInput(t.id, { 'fi.mau.telegram.login.password': 'correct horse' });
      await until(() => core.sessions.get(t.id).phase === 'complete');
      tg.push(count());
      await core.sessions.dismiss(t.id);
    }
  } finally {
    await stop();
    await sim.stop();
  }
  const mk = (name: string, values: number[], minimum: number): Figure => {
    const d = distribution(values);
    return {
      id: 6,
      name,
      unit: 'requests',
      measured: d,
      baseline: distribution([minimum]),
      ratio: d.median / minimum,
      compared: 'max − minimum',
      value: d.max - minimum,
      goal: '≤ minimum + 2',
      met: d.max <= minimum + 2,
    };
  };
  const figures = [mk('Requests, WhatsApp QR login (3 rotations)', wa, 1 + 1 + 4), mk('Requests, Telegram login with a wrong code', tg, 1 + 1 + 4)];
  figures[1]!.notes = [`requests seen: ${[...shapes].join(', ')}`];
  return figures;
}
