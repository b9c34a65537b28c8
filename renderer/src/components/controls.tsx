/**
 * Controls only the screens loaded later use (dialogs, copying, asking first, an error's details):
 * their own module, so the first paint does not carry them (bench figure 1).
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n.ts';
import { Button, Icon } from './ui.tsx';

/** A modal built on <dialog>: the browser traps focus, Esc closes it, focus returns afterwards. */
export function Dialog({ title, open, onClose, children, footer }: { title: string; open: boolean; onClose: () => void; children: ReactNode; footer: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleID = useId();
  // Read while rendering, before showModal() moves focus into the dialog.
  const opener = useRef(document.activeElement);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  // A dialog removed from the page (not closed) gives focus back to nobody: return it to its opener.
  useEffect(() => {
    const back = opener.current;
    return () => {
      if (back instanceof HTMLElement && back.isConnected) back.focus();
    };
  }, []);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleID} onClose={onClose} onCancel={onClose}>
      <h2 id={titleID} className="dialog-title">
        {title}
      </h2>
      <div className="dialog-body">{children}</div>
      <div className="dialog-footer">{footer}</div>
    </dialog>
  );
}

/** Copies `text` to the clipboard, saying it did; a failure is said, not swallowed. */
export function CopyButton({ text, label, failed }: { text: string; label: string; failed: string }) {
  const { t } = useI18n();
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copyText = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(text);
      setCopy('copied');
      setTimeout(() => setCopy('idle'), 2_000);
    } catch {
      setCopy('failed');
    }
  };
  return (
    <>
      <Button onClick={() => void copyText()}>
        <Icon name={copy === 'copied' ? 'check' : 'copy'} /> {copy === 'copied' ? t('common.copied') : label}
      </Button>
      {copy === 'failed' && (
        <p role="alert" className="muted small">
          {failed}
        </p>
      )}
    </>
  );
}

/** An error's code, for support: behind "Details", with a way to copy it; not the first thing a person reads. */
export function ErrorDetails({ code }: { code: string | undefined }) {
  const { t } = useI18n();
  if (!code) return null;
  return (
    <details className="disclosure error-details">
      <summary>{t('common.details')}</summary>
      <p className="muted small">
        {t('common.code')} <code>{code}</code>
      </p>
      <CopyButton text={code} label={t('common.copyCode')} failed={t('common.copyFailedSelect')} />
    </details>
  );
}

/**
 * An action that asks first, in place: the button becomes the question with Keep and the action;
 * focus goes to Keep, the safe answer.
 */
export function ConfirmInline({ ask, question, keep, confirm, onConfirm }: { ask: string; question: string; keep: string; confirm: string; onConfirm: () => Promise<unknown> }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const keepRef = useRef<HTMLButtonElement>(null);
  const questionID = useId();
  useEffect(() => {
    if (asking) keepRef.current?.focus();
  }, [asking]);
  const go = async (): Promise<void> => {
    setBusy(true);
    await onConfirm();
    setBusy(false);
    setAsking(false);
  };
  if (!asking) return <Button onClick={() => setAsking(true)}>{ask}</Button>;
  return (
    <div className="confirm" role="group" aria-labelledby={questionID}>
      <p id={questionID} className="small">
        {question}
      </p>
      <div className="actions">
        <Button variant="ghost" ref={keepRef} onClick={() => setAsking(false)}>
          {keep}
        </Button>
        <Button variant="danger" busy={busy} onClick={() => void go()}>
          {confirm}
        </Button>
      </div>
    </div>
  );
}
