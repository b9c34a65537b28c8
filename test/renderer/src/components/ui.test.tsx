// @vitest-environment happy-dom
/** renderer/src/components/ui.tsx: the shared building blocks say what they are to assistive technology. */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { statusLook } from '../../../../preload/contract/statuses.ts';
import { Avatar, Button, Spinner, StatusBadge, useTick } from '../../../../renderer/src/components/ui.tsx';
import { english } from '../../../support/i18n.ts';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('ui building blocks', () => {
  it('a busy button is disabled and says it is busy; an idle one is a plain button', () => {
    const clicked = vi.fn();
    render(
      <>
        <Button busy onClick={clicked}>
          Save
        </Button>
        <Button variant="primary" onClick={clicked}>
          Go
        </Button>
      </>,
    );
    const busy = screen.getByRole('button', { name: 'Save' });
    expect(busy).toHaveProperty('disabled', true);
    expect(busy.getAttribute('aria-busy')).toBe('true');
    const go = screen.getByRole('button', { name: 'Go' });
    expect([go.getAttribute('type'), go.getAttribute('aria-busy'), go.className.includes('btn-primary')]).toEqual(['button', null, true]);
    fireEvent.click(go);
    expect(clicked).toHaveBeenCalledTimes(1);
  });

  it('a spinner is a status with its label', () => {
    render(<Spinner label="Loading accounts" />);
    expect(screen.getByRole('status').textContent).toBe('Loading accounts');
  });

  it('an avatar without a picture shows up to two initials, or ? for no name', () => {
    const { container, rerender } = render(<Avatar identity={{ name: 'ada  lovelace byron', detail: null, avatarURL: null }} />);
    expect(container.textContent).toBe('AL');
    rerender(<Avatar identity={{ name: ' ', detail: null, avatarURL: null }} />);
    expect(container.textContent).toBe('?');
    rerender(<Avatar identity={{ name: 'Ada', detail: null, avatarURL: 'data:image/png;base64,AA' }} size={24} />);
    expect(container.querySelector('img')?.getAttribute('width')).toBe('24');
  });

  it('a picture keeps its place and loads when its row nears the screen, not on the way to the first frame', () => {
    const { container } = render(<Avatar identity={{ name: 'Ada', detail: null, avatarURL: 'data:image/svg+xml;base64,AA' }} size={32} />);
    const img = container.querySelector('img')!;
    expect([img.getAttribute('width'), img.getAttribute('height'), img.getAttribute('loading'), img.getAttribute('alt')]).toEqual(['32', '32', 'lazy', '']);
  });

  it('a status badge reads as the status’s label', () => {
    const { container } = render(<StatusBadge status="needs_login" />);
    expect(container.textContent).toBe(statusLook('needs_login', english.t).label);
    expect(container.querySelector('.badge')?.className).toContain(`badge-${statusLook('needs_login', english.t).tone}`);
  });

  it('relative times: just now under 45 s, then minutes, hours and days', () => {
    const now = Date.parse('2026-11-30T12:00:00Z');
    const at = (seconds: number) => english.ago(new Date(now - seconds * 1000).toISOString(), now);
    expect(at(44)).toBe('just now');
    expect(at(-30)).toBe('just now');
    expect(at(120)).toMatch(/2 minutes ago/);
    expect(at(3 * 3600)).toMatch(/3 hours ago/);
    expect(at(2 * 86400)).toMatch(/2 days ago/);
  });

  it('useTick re-renders on its interval', () => {
    vi.useFakeTimers();
    function Clock() {
      return <span>{useTick(1_000)}</span>;
    }
    const { container } = render(<Clock />);
    const first = container.textContent;
    act(() => void vi.advanceTimersByTime(1_000));
    expect(container.textContent).not.toBe(first);
  });
});
