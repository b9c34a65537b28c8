/** Deterministic fake people: the same remote key always gives the same name, handle and avatar. */
import { createHash } from 'node:crypto';
import { stableIndex } from './ids.ts';

const NAMES = [
  'Alex Rivera',
  'Sam Chen',
  'Priya Patel',
  'Jordan Lee',
  'Maria García',
  'Noah Kim',
  'Fatima Ali',
  'Lukas Weber',
  'Aiko Tanaka',
  'Olu Adeyemi',
];
const COLORS = ['#5b6ee1', '#2f9e77', '#d9485f', '#e67700', '#7048e8', '#1c7ed6', '#c2255c', '#2b8a3e'];

export const nameFor = (key: string): string => NAMES[stableIndex(key, NAMES.length)]!;

export const handleFor = (key: string): string =>
  nameFor(key).toLowerCase().normalize('NFD').replace(/[^a-z ]/g, '').replace(' ', '.') + (stableIndex(key + '#', 90) + 10);

/** A small SVG avatar with the name's initials, as a data URL (the API allows data URLs for `imgURL`). */
export function avatarFor(key: string, name: string = nameFor(key)): string {
  const initials = name
    .split(' ')
    .map((p) => p[0])
    .join('');
  const color = COLORS[stableIndex(key + '/c', COLORS.length)];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64"><rect width="64" height="64" rx="32" fill="${color}"/><text x="32" y="40" font-family="sans-serif" font-size="24" fill="#fff" text-anchor="middle">${initials}</text></svg>`;
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/** A stable fake phone number (+1 555 01xx xxx) for a key, for identities that need one. */
export function phoneFor(key: string): string {
  const digits = createHash('sha256').update(key).digest().readUInt32BE(0) % 10_000_000;
  return `+1555${String(digits).padStart(7, '0')}`;
}
