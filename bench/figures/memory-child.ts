/**
 * Run by figure 7 in its own process (node --expose-gc): the core's heap with 500 accounts on 50
 * networks, then after 200 complete login sessions in a row. Prints one JSON line.
 */
import { startCore, until } from '../support/core.ts';
import { startSimulator } from '../../test/simulator/index.ts';

const sessions = Number(process.argv[2] ?? 200);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const heap = async (): Promise<number> => {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 20));
  }
  return process.memoryUsage().heapUsed;
};

// The simulator runs here too; its heap is measured before and after alike, and login sessions it
// forgets once complete are not left in it (a growth there would be the simulator's, and counted).
const sim = await startSimulator({ port: 0, seed: 'large:500' });
const before = await heap();
const { core, stop } = await startCore(sim);
/** The heap once no accounts refresh is in flight: a 500-account answer being read is not growth. */
const settledHeap = async (): Promise<number> => {
  await until(() => !core.snapshot().accounts.refreshing);
  await new Promise((r) => setTimeout(r, 100));
  await until(() => !core.snapshot().accounts.refreshing);
  return heap();
};
if (core.snapshot().accounts.networks.reduce((n, x) => n + x.logins.length, 0) < 500) throw new Error('500 accounts did not load');
const loaded = await heap();
for (let i = 0; i < sessions; i++) {
  const bridgeID = `bench-${String((i % 50) + 1).padStart(2, '0')}`;
  const s = await core.sessions.start({ bridgeID, flowID: 'qr' });
  const res = await fetch(`${sim.url}/__sim/bridges/${bridgeID}/scan`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phoneNumber: '+15553000000' }) });
  if (res.status !== 200) throw new Error(`scan: ${res.status}`);
  await until(() => core.sessions.get(s.id).phase === 'complete');
  await core.sessions.dismiss(s.id);
  if (i === 9) (globalThis as Record<string, unknown>)['__afterWarmup'] = await settledHeap();
}
const after = await settledHeap();
const warm = (globalThis as Record<string, unknown>)['__afterWarmup'] as number;
await stop();
await sim.stop();
console.log(JSON.stringify({ coreWith500: loaded - before, afterWarmup: warm, after, growth: after - warm }));
