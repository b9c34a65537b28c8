// @vitest-environment happy-dom
/** renderer/src/components/NetworkIcon.tsx: a network's logo, or its initials, with a text alternative when alone. */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { NetworkIcon } from '../../../../renderer/src/components/NetworkIcon.tsx';

afterEach(cleanup);

describe('NetworkIcon', () => {
  it('shows a known network by its logo, labelled when it stands alone', () => {
    render(<NetworkIcon type="whatsapp" name="WhatsApp" labelled />);
    const logo = screen.getByRole('img', { name: 'WhatsApp logo' });
    expect(logo.tagName.toLowerCase()).toBe('svg');
    expect(logo.querySelector('path')?.getAttribute('d')).toMatch(/^M/);
    expect(logo.getAttribute('fill')).toBe('#25D366');
  });

  it('falls back to initials for a network without a logo, or one newer than the app', () => {
    render(<NetworkIcon type="slackgo" name="Slack" labelled />);
    expect(screen.getByRole('img', { name: 'Slack logo' }).textContent).toBe('S');
    cleanup();
    render(<NetworkIcon type="future-net" name="Some New Network" labelled />);
    expect(screen.getByRole('img', { name: 'Some New Network logo' }).textContent).toBe('SN');
  });

  it('is hidden from screen readers next to the name it illustrates', () => {
    const { container } = render(<NetworkIcon type="telegram" name="Telegram" />);
    expect(screen.queryByRole('img')).toBeNull();
    expect(container.firstElementChild?.getAttribute('aria-hidden')).toBe('true');
  });

  it('draws a near-black logo (X) in the text colour, so the dark theme shows it', () => {
    render(<NetworkIcon type="twitter" name="X" labelled />);
    expect(screen.getByRole('img', { name: 'X logo' }).getAttribute('fill')).toBe('currentColor');
  });
});
