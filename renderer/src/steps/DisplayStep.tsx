/** A `display_and_wait` step: a QR code, an emoji, a pairing code, or just a wait. */
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import type { StepView } from '../../../preload/contract/views.ts';
import { CopyButton, Spinner, useTick } from '../components/ui.tsx';
import { guidanceFor, type Guidance } from './guidance.ts';
import { UnsupportedNotice } from './UnsupportedStep.tsx';

type DisplayStepView = Extract<StepView, { type: 'display_and_wait' }>;

/** Rendered here from the raw data: never sent to a QR web service. */
function QR({ data, label }: { data: string; label: string }) {
  const [svg, setSvg] = useState<string | null>(null);
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
      <Spinner label="Drawing the QR code" />
    </div>
  );
}

function PairingCode({ code }: { code: string }) {
  return (
    <div className="pairing">
      <output className="pairing-code" aria-label={`Pairing code ${code.split('').join(' ')}`}>
        {code}
      </output>
      <CopyButton text={code.replace(/\s/g, '')} label="Copy code" failed="Could not copy. Type the code shown above on your phone." />
    </div>
  );
}

/** Where to tap on the phone, for the networks this app knows; the server's instructions follow (or stand alone). */
function WhereToTap({ guidance, instructions }: { guidance: Guidance | null; instructions: string | null }) {
  return (
    <>
      {guidance && (
        <p className="lead guidance">
          On your phone, open{' '}
          {guidance.path.map((place, i) => (
            <span key={i}>
              {i > 0 && <span aria-label=", then"> › </span>}
              <strong>{place}</strong>
            </span>
          ))}
          . {guidance.then}
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
  return (
    <p className="muted small" aria-live="off">
      The code refreshes by itself when it runs out
      {revision > 1 ? ` · new code ${age < 5 ? 'just now' : `${age} s ago`}` : ''}. Keep this window open until your phone confirms.
    </p>
  );
}

export function DisplayStep({ step, network, networkType }: { step: DisplayStepView; network: string; networkType?: string | undefined }) {
  const d = step.display;
  return (
    <div className="display-step">
      <WhereToTap guidance={guidanceFor(networkType, d.kind)} instructions={step.instructions} />
      {d.kind === 'qr' && (
        <>
          <QR data={d.data} label={`QR code to scan with ${network}`} />
          <QRRefresh key={step.revision} revision={step.revision} />
        </>
      )}
      {d.kind === 'emoji' &&
        (d.imageURL ? (
          <img className="emoji" src={d.imageURL} alt={d.emoji ? `The emoji ${d.emoji}` : 'The emoji to tap on your phone'} width={128} height={128} />
        ) : d.emoji ? (
          <span className="emoji emoji-text" role="img" aria-label={`The emoji ${d.emoji}`}>
            {d.emoji}
          </span>
        ) : d.loading ? (
          <Spinner label="Loading the emoji" />
        ) : (
          <p className="step-notice">This app cannot show the emoji picture Beeper Desktop sent. If your phone does not make the choice clear, cancel and connect this account in Beeper Desktop.</p>
        ))}
      {d.kind === 'code' && <PairingCode code={d.data} />}
      {d.kind === 'nothing' && <Spinner label="Waiting" large />}
      {d.kind === 'unsupported' && <UnsupportedNotice rawType={d.rawType} what="the kind of display" />}
      <p className="waiting">
        <Spinner label="" /> Waiting for your phone…
      </p>
    </div>
  );
}
