// @vitest-environment happy-dom
/** renderer/src/screens.tsx: screens loaded on first use, without a flash when loaded before. */
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lazyScreen, loadScreenOf, SessionScreen } from '../../../renderer/src/screens.tsx';

const Hello = ({ name }: { name: string }) => <p>Hello, {name}</p>;

afterEach(cleanup);

describe('screens loaded on first use', () => {
  it('renders nothing while its code loads, then the screen; the code is asked for once', async () => {
    const load = vi.fn(() => Promise.resolve(Hello));
    const Lazy = lazyScreen(load);
    const { container } = render(<Lazy name="Alex" />);
    expect(container.textContent).toBe('');
    expect(await screen.findByText('Hello, Alex')).toBeTruthy();
    render(<Lazy name="Sam" />);
    expect(screen.getByText('Hello, Sam')).toBeTruthy(); // at once: already loaded
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('loaded before it shows, it shows at once: no empty moment', async () => {
    const Lazy = lazyScreen(() => Promise.resolve(Hello));
    await Lazy.load();
    render(<Lazy name="Alex" />);
    expect(screen.getByText('Hello, Alex')).toBeTruthy();
  });

  it('a load that failed is tried again', async () => {
    const load = vi.fn().mockRejectedValueOnce(new Error('chunk')).mockResolvedValue(Hello);
    const Lazy = lazyScreen(load as () => Promise<typeof Hello>);
    await expect(Lazy.load()).rejects.toThrow('chunk');
    await Lazy.load();
    render(<Lazy name="Alex" />);
    expect(screen.getByText('Hello, Alex')).toBeTruthy();
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('a route’s screen code is loaded by its route; the account list needs none', async () => {
    await expect(loadScreenOf({ to: 'accounts' })).resolves.toBeUndefined();
    await act(() => loadScreenOf({ to: 'session', sessionID: 's1' }));
    // Loaded: the session screen draws at once (here: a login the window does not know).
    const { container } = render(<SessionScreen sessionID="s1" />);
    expect(container.textContent).not.toBe('');
  });
});
