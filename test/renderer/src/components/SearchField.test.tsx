// @vitest-environment happy-dom
/** renderer/src/components/SearchField.tsx: focused by / or Ctrl/Cmd+F unless typing or a dialog is open; Esc clears. */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { SearchField } from '../../../../renderer/src/components/SearchField.tsx';

afterEach(cleanup);

function Harness({ dialog = false }: { dialog?: boolean }) {
  const [q, setQ] = useState('');
  return (
    <>
      <input aria-label="Other field" />
      <SearchField label="Search" placeholder="" value={q} onChange={setQ} />
      {dialog && <dialog open>A dialog</dialog>}
    </>
  );
}

describe('SearchField', () => {
  it('/ focuses it from anywhere but a field being typed in; Ctrl/Cmd+F from anywhere; Alt or Shift combinations do not', () => {
    render(<Harness />);
    const search = screen.getByRole('searchbox', { name: 'Search' });
    const other = screen.getByRole('textbox', { name: 'Other field' });
    other.focus();
    expect(fireEvent.keyDown(other, { key: '/' })).toBe(true);
    expect(document.activeElement).toBe(other);
    fireEvent.keyDown(other, { key: 'F', ctrlKey: true, shiftKey: true });
    expect(document.activeElement).toBe(other);
    fireEvent.keyDown(other, { key: 'f', ctrlKey: true, altKey: true });
    expect(document.activeElement).toBe(other);
    expect(fireEvent.keyDown(other, { key: 'f', ctrlKey: true })).toBe(false);
    expect(document.activeElement).toBe(search);
    other.focus();
    fireEvent.keyDown(document.body, { key: '/' });
    expect(document.activeElement).toBe(search);
  });

  it('a dialog open: the shortcuts are the dialog’s', () => {
    render(<Harness dialog />);
    fireEvent.keyDown(document.body, { key: '/' });
    expect(document.activeElement).not.toBe(screen.getByRole('searchbox'));
  });

  it('Esc clears what was typed, and does nothing more when empty', () => {
    render(<Harness />);
    const search = screen.getByRole<HTMLInputElement>('searchbox');
    fireEvent.change(search, { target: { value: 'zoe' } });
    expect(fireEvent.keyDown(search, { key: 'Escape' })).toBe(false);
    expect(search.value).toBe('');
    expect(fireEvent.keyDown(search, { key: 'Escape' })).toBe(true);
  });
});
