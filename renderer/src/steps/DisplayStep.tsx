/** A `display_and_wait` step: a QR code, an emoji, a pairing code, or just a wait. */
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import type { StepView } from '../../../preload/contract/views.ts';
import { Spinner, useTick } from '../components/ui.tsx';
import { CopyButton } from '../components/controls.tsx';
import { guidanceFor, type Guidance } from './guidance.ts';
import { UnsupportedNotice } from './UnsupportedStep.tsx';
import { useI18n } from '../i18n.ts';

type DisplayStepView = Extract<StepView, { type: 'display_and_wait' }>;

/** Rendered here from the raw data: never sent to a QR web service. */
function QR({ data, label }: { data: string; label: string }) {
  const [svg, setSvg] = useState<string | null>(null);
  const { t } = useI18n();
  useEffect(() => {
    let live = true;
    void QRCode.toString(data, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { dark: '#000000', light: '#ffffff' } }).then((s) => {
      if (live) setSvg(s);
    });
    return () => {
      live = false;
    };
  }, [data]);
  return svg ? (
    <img className="qr" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} alt={label} data-qr={data} width={264} height={264} />
  ) : (
    <div className="qr qr-placeholder">
      <Spinner label={t('display.drawingQr')} />
    </div>
  );
}

function PairingCode({ code }: { code: string }) {
  const { t } = useI18n();
  return (
    <div className="pairing">
      <output className="pairing-code" aria-label={t('display.pairingCode', { code: code.split('').join(' ') })}>
        {code}
      </output>
      <CopyButton text={code.replace(/\s/g, '')} label={t('common.copyCode')} failed={t('display.copyFailedType')} />
    </div>
  );
}

/** Where to tap on the phone, for the networks this app knows; the server's instructions follow (or stand alone). */
function WhereToTap({ guidance, instructions }: { guidance: Guidance | null; instructions: string | null }) {
  const { t } = useI18n();
  return (
    <>
      {guidance && (
        <p className="lead guidance">
          {t('display.onPhoneOpen')}{' '}
          {guidance.path.map((place, i) => (
            <span key={i}>
              {i > 0 && <span aria-label={t('display.then')}> › </span>}
              <strong>{t(place)}</strong>
            </span>
          ))}
          . {t(guidance.then)}
        </p>
      )}
      {instructions && <p className={guidance ? 'muted small' : 'lead'}>{instructions}</p>}
    </>
  );
}

/** A QR that refreshes: says so, and when the last new one came (the network decides how often). Keyed by revision: a new code starts it again. */
function QRRefresh({ revision }: { revision: number }) {
  const [at] = useState(() => Date.now());
  const now = useTick(5_000);
  const age = Math.max(0, Math.round((now - at) / 1000));
  const { t } = useI18n();
  return (
    <p className="muted small" aria-live="off">
      {t('display.qrRefreshes', { revision: revision > 1 ? 'later' : 'first', age: age < 5 ? 0 : age })}
    </p>
  );
}

export function DisplayStep({ step, network, networkType }: { step: DisplayStepView; network: string; networkType?: string | undefined }) {
  const d = step.display;
  const { t } = useI18n();
  return (
    <div className="display-step">
      <WhereToTap guidance={guidanceFor(networkType, d.kind)} instructions={step.instructions} />
      {d.kind === 'qr' && (
        <>
          <QR data={d.data} label={t('display.qrAlt', { network })} />
          <QRRefresh key={step.revision} revision={step.revision} />
        </>
      )}
      {d.kind === 'emoji' &&
        (d.imageURL ? (
          <img className="emoji" src={d.imageURL} alt={d.emoji ? t('display.emojiAlt', { emoji: d.emoji }) : t('display.emojiTap')} width={128} height={128} />
        ) : d.emoji ? (
          <span className="emoji emoji-text" role="img" aria-label={t('display.emojiAlt', { emoji: d.emoji })}>
            {d.emoji}
          </span>
        ) : d.loading ? (
          <Spinner label={t('display.loadingEmoji')} />
        ) : (
          <p className="step-notice">{t('display.emojiMissing')}</p>
        ))}
      {d.kind === 'code' && <PairingCode code={d.data} />}
      {d.kind === 'nothing' && <Spinner label={t('common.waiting')} large />}
      {d.kind === 'unsupported' && <UnsupportedNotice rawType={d.rawType} what={t('display.kindOfDisplay')} />}
      <p className="waiting">
        <Spinner label="" /> {t('display.waitingPhone')}
      </p>
    </div>
  );
}
