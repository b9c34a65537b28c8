// @vitest-environment happy-dom
/** renderer/src/steps/DisplayStep.tsx: each display kind, and the pairing code's Copy button when the copy works and when it does not. */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StepView } from '../../../../preload/contract/views.ts';
import { DisplayStep } from '../../../../renderer/src/steps/DisplayStep.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const pairing: Extract<StepView, { type: 'display_and_wait' }> = { type: 'display_and_wait', stepID: 'fi.mau.whatsapp.pairing_code', instructions: 'Enter this code on your phone', revision: 1, display: { kind: 'code', data: 'ABCD-EFGH' } };

function stubClipboard(writeText: (t: string) => Promise<void>): void {
  vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
}

describe('DisplayStep: pairing code', () => {
  it('copies the code without its separators and says so', async () => {
    const written: string[] = [];
    stubClipboard((t) => (written.push(t), Promise.resolve()));
    render(<DisplayStep step={pairing} network="WhatsApp" />);
    expect(screen.getByLabelText(/^Pairing code/).textContent).toBe('ABCD-EFGH');
    fireEvent.click(screen.getByRole('button', { name: 'Copy code' }));
    expect(await screen.findByRole('button', { name: 'Copied' })).toBeTruthy();
    expect(written).toEqual(['ABCD-EFGH'.replace(/\s/g, '')]);
  });

  it('says so when the copy is refused, instead of doing nothing', async () => {
    stubClipboard(() => Promise.reject(new DOMException('denied', 'NotAllowedError')));
    render(<DisplayStep step={pairing} network="WhatsApp" />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy code' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Could not copy/);
    expect(screen.getByRole('button', { name: 'Copy code' })).toBeTruthy();
  });
});

const display = (d: Extract<StepView, { type: 'display_and_wait' }>['display'], revision = 1): Extract<StepView, { type: 'display_and_wait' }> => ({ ...pairing, stepID: 'step', instructions: null, display: d, revision });

describe('DisplayStep: the other displays', () => {
  it('a QR code drawn here from its data, labelled for the network; it says that it refreshes, and when the last new one came', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval'] });
    try {
      const { rerender } = render(<DisplayStep step={display({ kind: 'qr', data: '2@abc,def' }, 1)} network="WhatsApp" />);
      expect(screen.getByText(/^The code refreshes by itself when it runs out\. Keep this window open/)).toBeTruthy();
      rerender(<DisplayStep step={display({ kind: 'qr', data: '2@abc,xyz' }, 2)} network="WhatsApp" />);
      expect(screen.getByText(/new code just now/)).toBeTruthy();
      act(() => void vi.advanceTimersByTime(20_000));
      expect(screen.getByText(/new code 20 s ago/)).toBeTruthy();
      rerender(<DisplayStep step={display({ kind: 'qr', data: '2@abc,new' }, 3)} network="WhatsApp" />);
      expect(screen.getByText(/new code just now/)).toBeTruthy();
    } finally {
      vi.useRealTimers();
    }
    const img = await screen.findByRole('img', { name: 'QR code to scan with WhatsApp' });
    expect(img.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect(img.getAttribute('data-qr')).toBe('2@abc,new');
  });

  it('where to tap, for the networks this app knows, with the server’s words after; the rest get the server’s words alone', () => {
    render(<DisplayStep step={display({ kind: 'qr', data: '2@abc' })} network="WhatsApp" networkType="whatsapp" />);
    const lead = document.querySelector('.guidance')!;
    expect(lead.textContent).toBe('On your phone, open WhatsApp › Settings (⋮ on Android) › Linked devices › Link a device. Point your phone at this code.');
    expect(document.querySelectorAll('.lead')).toHaveLength(1);
    cleanup();
    render(<DisplayStep step={{ ...pairing }} network="WhatsApp" networkType="whatsapp" />);
    expect(document.querySelector('.guidance')!.textContent).toContain('Link with phone number instead');
    expect(screen.getByText('Enter this code on your phone').className).toBe('muted small');
    cleanup();
    render(<DisplayStep step={{ ...pairing }} network="Bluesky" networkType="bluesky" />);
    expect(document.querySelector('.guidance')).toBeNull();
    expect(screen.getByText('Enter this code on your phone').className).toBe('lead');
  });

  it.each([
    ['a picture', { kind: 'emoji', imageURL: 'data:image/png;base64,AAAA', emoji: '🐱', loading: false }, () => screen.getByRole('img', { name: 'The emoji 🐱' }).getAttribute('src') === 'data:image/png;base64,AAAA'],
    ['only the character', { kind: 'emoji', imageURL: null, emoji: '🐱', loading: false }, () => screen.getByRole('img', { name: 'The emoji 🐱' }).textContent === '🐱'],
    ['loading', { kind: 'emoji', imageURL: null, emoji: null, loading: true }, () => screen.getByText('Loading the emoji') !== null],
    ['a picture that cannot be shown', { kind: 'emoji', imageURL: null, emoji: null, loading: false }, () => /cannot show the emoji picture/.test(document.body.textContent ?? '')],
  ] as const)('an emoji: %s', (_name, d, shown) => {
    render(<DisplayStep step={display(d)} network="Signal" />);
    expect(shown()).toBe(true);
  });

  it('a display newer than this app: a notice naming it, and still waiting', () => {
    render(<DisplayStep step={display({ kind: 'unsupported', rawType: 'nfc' })} network="Bluesky" />);
    expect(screen.getByRole('note').textContent).toContain('Step: nfc');
    expect(screen.getByText(/Waiting for your phone/)).toBeTruthy();
  });

  it('nothing to show: just waiting', async () => {
    render(<DisplayStep step={display({ kind: 'nothing' })} network="Signal" />);
    await waitFor(() => expect(screen.getByText('Waiting')).toBeTruthy());
    expect(screen.queryByRole('img')).toBeNull();
  });
});
