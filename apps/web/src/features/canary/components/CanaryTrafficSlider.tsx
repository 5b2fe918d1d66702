import { type KeyboardEvent, type PointerEvent, useEffect, useRef, useState } from 'react';
import { ConfirmDialog } from '../../../shared/ConfirmDialog.tsx';
import { formatPercent } from '../../../shared/format.ts';

const clamp = (value: number) => Math.min(100, Math.max(0, value));

const keySteps: Record<string, (value: number) => number> = {
  ArrowRight: (v) => Math.floor(v) + 1,
  ArrowUp: (v) => Math.floor(v) + 1,
  ArrowLeft: (v) => Math.ceil(v) - 1,
  ArrowDown: (v) => Math.ceil(v) - 1,
  PageUp: (v) => Math.floor(v) + 10,
  PageDown: (v) => Math.ceil(v) - 10,
  Home: () => 0,
  End: () => 100,
};

/** Keys pressed in a row are one change: it is sent this long after the last key. */
export const KEY_SETTLE_MS = 600;

/** All or nothing to the canary is a jump, not a nudge: it is asked about before it is sent. */
const isExtreme = (percent: number) => percent === 0 || percent === 100;

/**
 * The canary's share of traffic, 0–100 in steps of 1, with a numeric field beside it for fractions.
 * It moves freely while dragged and reports a value only on release; key presses in a row are
 * coalesced and reported once the keys stop, so one gesture is one change to the stage. Going to
 * 0 % or 100 % (Home, End, a drag to the end, or typed) asks first.
 */
export function CanaryTrafficSlider({
  value,
  disabled,
  describedBy,
  onCommit,
}: {
  value: number;
  disabled: boolean;
  describedBy?: string;
  onCommit: (percent: number) => void;
}) {
  const trackRef = useRef<HTMLDivElement>(null);
  const draftRef = useRef<number | null>(null);
  const [draft, setDraftState] = useState<number | null>(null);
  const [asking, setAsking] = useState<number | null>(null);
  const keyTimer = useRef<number | undefined>(undefined);
  const shown = asking ?? draft ?? value;
  const setDraft = (next: number | null) => {
    draftRef.current = next;
    setDraftState(next);
  };
  const propose = (final: number) => {
    if (final === value) return;
    if (isExtreme(final)) setAsking(final);
    else onCommit(final);
  };
  const release = () => {
    window.clearTimeout(keyTimer.current);
    const final = draftRef.current;
    setDraft(null);
    if (final !== null) propose(final);
  };
  useEffect(() => () => window.clearTimeout(keyTimer.current), []);
  const fromPointer = (clientX: number) => {
    const rect = trackRef.current!.getBoundingClientRect();
    return clamp(Math.round(((clientX - rect.left) / rect.width) * 100));
  };

  const [typed, setTyped] = useState(String(value));
  const [typedError, setTypedError] = useState('');
  useEffect(() => setTyped(String(shown)), [shown]);
  const commitTyped = () => {
    const parsed = Number(typed.replace(',', '.'));
    if (typed.trim() === '' || !Number.isFinite(parsed) || parsed < 0 || parsed > 100) {
      setTypedError('Enter a percentage from 0 to 100');
      return;
    }
    setTypedError('');
    propose(Math.round(parsed * 100) / 100);
  };

  return (
    <div className="slider-row">
      <div
        role="slider"
        tabIndex={disabled ? -1 : 0}
        aria-label="Canary traffic"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={shown}
        aria-valuetext={`${formatPercent(shown)} canary, ${formatPercent(100 - shown)} base`}
        aria-disabled={disabled || undefined}
        aria-describedby={describedBy}
        className={disabled ? 'slider disabled' : 'slider'}
        onPointerDown={(event: PointerEvent<HTMLDivElement>) => {
          if (disabled || event.button !== 0) return;
          // No text selection and no native drag: a drag that started on selected text would turn into
          // drag-and-drop, cancel the pointer and lose the gesture (seen after a few quick drags).
          event.preventDefault();
          event.currentTarget.setPointerCapture(event.pointerId);
          event.currentTarget.focus();
          setDraft(fromPointer(event.clientX));
        }}
        onPointerMove={(event) => {
          if (draftRef.current !== null && event.currentTarget.hasPointerCapture(event.pointerId))
            setDraft(fromPointer(event.clientX));
        }}
        onPointerUp={release}
        onPointerCancel={() => setDraft(null)}
        onKeyDown={(event: KeyboardEvent<HTMLDivElement>) => {
          const step = keySteps[event.key];
          if (disabled || !step) return;
          event.preventDefault();
          setDraft(clamp(step(draftRef.current ?? value)));
          window.clearTimeout(keyTimer.current);
          if (event.key === 'Home' || event.key === 'End') release();
          else keyTimer.current = window.setTimeout(release, KEY_SETTLE_MS);
        }}
      >
        <div className="slider-track" ref={trackRef}>
          <div className="slider-canary" style={{ width: `${shown}%` }} />
          <div className="slider-base" style={{ width: `${100 - shown}%` }} />
        </div>
        <div className="slider-thumb" style={{ left: `${shown}%` }} />
      </div>
      <label className="percent-field">
        <span className="visually-hidden">Canary traffic, precise percent</span>
        <input
          type="number"
          inputMode="decimal"
          min={0}
          max={100}
          step={0.1}
          value={typed}
          disabled={disabled}
          aria-invalid={typedError ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => setTyped(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commitTyped();
          }}
          onBlur={commitTyped}
        />
        <span aria-hidden="true">%</span>
      </label>
      {typedError && <span className="field-error">{typedError}</span>}
      <ConfirmDialog
        open={asking !== null}
        title={asking === 100 ? 'Send all traffic to the canary?' : 'Send no traffic to the canary?'}
        danger={asking === 100}
        onClose={() => setAsking(null)}
        onConfirm={() => {
          if (asking !== null) onCommit(asking);
          setAsking(null);
        }}
      >
        {asking === 100 ? (
          <p>
            Every request to this stage will be served by the canary deployment, and none by the base. To make
            the canary the stage's deployment for good, use Promote canary instead.
          </p>
        ) : (
          <p>
            The canary stays on the stage but serves no requests: all of them go to the base deployment, from{' '}
            {formatPercent(100 - value)} now.
          </p>
        )}
      </ConfirmDialog>
    </div>
  );
}
