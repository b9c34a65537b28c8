#!/usr/bin/env node
/**
 * Renders the app and tray icons from SVG with headless Chromium (no image tools needed):
 *   node scripts/make-icons.mjs     → build/icon.png, resources/icons/*.png
 * The outputs are committed; run this again only when the artwork changes.
 */
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mark = (fill, bg) => `<rect x="6" y="6" width="52" height="52" rx="14" fill="${bg}"/><text x="32" y="45" font-family="DejaVu Sans, Arial, sans-serif" font-weight="700" font-size="36" text-anchor="middle" fill="${fill}">B</text>`;
const tray = (color, attention) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64"><rect x="8" y="8" width="48" height="48" rx="12" fill="none" stroke="${color}" stroke-width="6"/><text x="32" y="44" font-family="DejaVu Sans, Arial, sans-serif" font-weight="700" font-size="30" text-anchor="middle" fill="${color}">B</text>${attention ? '<circle cx="50" cy="14" r="11" fill="#e8590c" stroke="#fff" stroke-width="3"/>' : ''}</svg>`;
const icons = [
  { file: 'build/icon.png', size: 512, svg: `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">${mark('#ffffff', '#4d5fd6')}</svg>` },
  { file: 'resources/icons/app.png', size: 256, svg: `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">${mark('#ffffff', '#4d5fd6')}</svg>` },
  // Light panel → dark artwork, dark panel → light artwork.
  { file: 'resources/icons/tray-normal-light.png', size: 32, svg: tray('#1b1f24', false) },
  { file: 'resources/icons/tray-normal-dark.png', size: 32, svg: tray('#f1f3f6', false) },
  { file: 'resources/icons/tray-attention-light.png', size: 32, svg: tray('#1b1f24', true) },
  { file: 'resources/icons/tray-attention-dark.png', size: 32, svg: tray('#f1f3f6', true) },
  // macOS template images: black with alpha; the menu bar colours them.
  { file: 'resources/icons/trayTemplate.png', size: 16, svg: tray('#000000', false) },
  { file: 'resources/icons/trayTemplate@2x.png', size: 32, svg: tray('#000000', false) },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
});
const page = await browser.newPage();
for (const icon of icons) {
  await page.setViewportSize({ width: icon.size, height: icon.size });
  await page.setContent(`<html><body style="margin:0;background:transparent">${icon.svg.replace('width="64" height="64"', `width="${icon.size}" height="${icon.size}"`)}</body></html>`);
  mkdirSync(path.dirname(path.join(root, icon.file)), { recursive: true });
  await page.screenshot({ path: path.join(root, icon.file), omitBackground: true, clip: { x: 0, y: 0, width: icon.size, height: icon.size } });
  console.log(`wrote ${icon.file} (${icon.size}px)`);
}
await browser.close();
