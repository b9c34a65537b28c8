/** Light and dark themes follow the system setting. */
import { connect, expect, test } from './fixtures.ts';

const luminance = (rgb: string): number => {
  const [r, g, b] = (rgb.match(/\d+/g) ?? ['0', '0', '0']).map(Number) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};

test.describe('dark system theme', () => {
  test.use({ colorScheme: 'dark' });
  test('renders dark, with readable text', async ({ app, shot }) => {
    await connect(app);
    const [bg, fg] = await app.evaluate(() => [getComputedStyle(document.documentElement).backgroundColor, getComputedStyle(document.body).color]);
    expect(luminance(bg)).toBeLessThan(60);
    expect(luminance(fg)).toBeGreaterThan(180);
    await shot('60-accounts-dark');
  });
});

test.describe('light system theme', () => {
  test.use({ colorScheme: 'light' });
  test('renders light', async ({ app }) => {
    await connect(app);
    const bg = await app.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(luminance(bg)).toBeGreaterThan(200);
  });
});
