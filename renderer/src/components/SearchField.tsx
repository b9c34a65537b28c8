/** A search field that `/` or Ctrl/Cmd+F focuses (unless a dialog is open); Esc clears it. */
import { useEffect, useRef, type RefObject } from 'react';
import { Icon } from './ui.tsx';

/** Typing somewhere already: `/` is a character there, not a shortcut. */
const typing = (t: EventTarget | null): boolean => t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));

function useFindShortcut(search: RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const find = e.key.toLowerCase() === 'f' && (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey;
      const slash = e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !typing(e.target);
      if (!(find || slash) || document.querySelector('dialog[open]')) return;
      e.preventDefault();
      search.current?.focus();
      search.current?.select();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [search]);
}

export function SearchField({ label, placeholder, value, onChange }: { label: string; placeholder: string; value: string; onChange: (value: string) => void }) {
  const search = useRef<HTMLInputElement>(null);
  useFindShortcut(search);
  return (
    <label className="find-field">
      <Icon name="search" />
      <span className="visually-hidden">{label}</span>
      <input
        ref={search}
        type="search"
        value={value}
        placeholder={placeholder}
        aria-keyshortcuts="/ Control+F Meta+F"
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Escape' || value === '') return;
          e.preventDefault();
          onChange('');
        }}
      />
    </label>
  );
}
