/** Every figure of the bench, by its number in the report. */
import type { BenchContext, Figure } from '../support/stats.ts';
import { idleLoad } from './idle-load.ts';
import { largeList } from './large-list.ts';
import { loginRequests } from './login-requests.ts';
import { mainStart } from './main-start.ts';
import { memory } from './memory.ts';
import { phoneReaction } from './phone-reaction.ts';
import { pollPacing } from './poll-pacing.ts';
import { rendererSize } from './renderer-size.ts';
import { reopen } from './reopen.ts';
import { stepLatency } from './step-latency.ts';
import { timeToAccounts } from './time-to-accounts.ts';

export const FIGURES: ReadonlyArray<readonly [number, (ctx: BenchContext) => Promise<Figure | Figure[]>]> = [
  [1, rendererSize],
  [2, timeToAccounts],
  [3, stepLatency],
  [4, phoneReaction],
  [5, idleLoad],
  [6, loginRequests],
  [7, memory],
  [8, largeList],
  [9, mainStart],
  [10, pollPacing],
  [11, reopen],
];
