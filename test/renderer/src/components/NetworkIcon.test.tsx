// @vitest-environment happy-dom
/** renderer/src/components/NetworkIcon.tsx: a network's logo, or its initials, with a text alternative when alone. */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadAllNetworkIcons, loadNetworkIcons, NetworkIcon } from '../../../../renderer/src/components/NetworkIcon.tsx';

afterEach(cleanup);

describe('NetworkIcon', () => {
  it('shows a known network by its logo, labelled when it stands alone; while the logo loads, the same space, empty', async () => {
    render(<NetworkIcon type="whatsapp" name="WhatsApp" labelled />);
    const waiting = screen.getByRole('img', { name: 'WhatsApp logo' });
    expect([waiting.tagName.toLowerCase(), waiting.textContent]).toEqual(['span', '']);
    await vi.waitFor(() => expect(screen.getByRole('img', { name: 'WhatsApp logo' }).tagName.toLowerCase()).toBe('svg'));
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

  it('all loaded (when idle), every logo draws at once: "Add account" lists every network', async () => {
    await loadAllNetworkIcons();
    for (const [type, name] of [['signal', 'Signal'], ['gmessages', 'Google Messages'], ['instagram', 'Instagram'], ['twitter', 'X'], ['discordgo', 'Discord'], ['facebook', 'Messenger'], ['bluesky', 'Bluesky']]) {
      render(<NetworkIcon type={type!} name={name!} labelled />);
      expect(screen.getByRole('img', { name: `${name} logo` }).tagName.toLowerCase()).toBe('svg');
      cleanup();
    }
  });

  it('loaded before, a logo draws at once; a network with no logo loads nothing', async () => {
    await loadNetworkIcons(['telegram', 'slackgo', 'telegram']);
    render(<NetworkIcon type="telegram" name="Telegram" labelled />);
    expect(screen.getByRole('img', { name: 'Telegram logo' }).getAttribute('fill')).toBe('#26A5E4');
  });

  it('draws a near-black logo (X) in the text colour, so the dark theme shows it', async () => {
    await loadNetworkIcons(['twitter']);
    render(<NetworkIcon type="twitter" name="X" labelled />);
    expect(screen.getByRole('img', { name: 'X logo' }).getAttribute('fill')).toBe('currentColor');
  });
});
