/**
 * Launches from outside: the first command line, a second instance's (`second-instance`), and
 * macOS's `open-url` (which can arrive before the app is ready). Kept until the window can act.
 */
import { app } from 'electron';
import { parseLaunch, type LaunchAction } from '../policy/launch.ts';

export type LaunchRunner = (action: LaunchAction, firstLaunch: boolean) => Promise<void>;

export function setupLinks(firstAction: LaunchAction): { start(run: LaunchRunner): Promise<void> } {
  let run: LaunchRunner | null = null;
  let pending: LaunchAction | null = null;
  const fromOutside = (action: LaunchAction): void => {
    if (run) void run(action, false);
    else pending = action;
  };
  app.on('second-instance', (_event, argv) => fromOutside(parseLaunch(argv)));
  // macOS delivers links as 'open-url' (also at launch, before 'ready'), not on the command line.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    fromOutside(parseLaunch([url]));
  });
  return {
    async start(r) {
      run = r;
      await r(pending ?? firstAction, true);
      pending = null;
    },
  };
}
