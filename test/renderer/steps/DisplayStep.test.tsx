// @vitest-environment happy-dom
/** renderer/src/steps/DisplayStep.tsx: the pairing code and its Copy button, when the copy works and when it does not. */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StepView } from '../../../preload/contract/views.ts';
import { DisplayStep } from '../../../renderer/src/steps/DisplayStep.tsx';

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
