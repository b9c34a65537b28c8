/** Settings › Help in the preview: the diagnostics report downloads, says what support needs, and nothing about the person. */
import { readFileSync } from 'node:fs';
import { connect, expect, test } from './fixtures.ts';

test('Save diagnostics report: a download with the versions, bridges and statuses, and no names, numbers or emails', async ({ app, shot }) => {
  await connect(app);
  await app.getByRole('button', { name: 'Settings' }).click();
  const help = app.getByRole('dialog', { name: 'Settings' }).getByRole('region', { name: 'Help' });
  await help.scrollIntoViewIfNeeded();
  await shot('95-settings-help');
  const downloading = app.waitForEvent('download');
  await help.getByRole('button', { name: 'Save diagnostics report…' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^beeper-account-manager-diagnostics-\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d\.txt$/);
  const report = readFileSync((await download.path()), 'utf8');
  expect(report).toContain('Beeper Desktop: running · version 4.2.');
  expect(report).toMatch(/local-telegram login #[0-9a-f]{10}: needs_login \(needs attention\)/);
  expect(report).toMatch(/slackgo login #[0-9a-f]{10}: connected\n {4}account #[0-9a-f]{10}: connected\n {4}account #[0-9a-f]{10}: connected/);
  for (const personal of ['Alex Rivera', '+15550100101', '5550100202', 'alex@example.com', '@alex', 'alex.rivera', 'Acme']) expect(report, personal).not.toContain(personal);
});
