import { type KeyboardEvent, type PointerEvent, useEffect, useRef, useState } from 'react';
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

/**
 * The canary's share of traffic, 0–100 in steps of 1, with a numeric field beside it for fractions.
 * It moves freely while dragged or while a key is held and reports a value only on release
 * (pointerup / keyup / Enter), so one gesture is one change to the stage.
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
  const shown = draft ?? value;
  const setDraft = (next: number | null) => {
    draftRef.current = next;
    setDraftState(next);
  };
  const release = () => {
    const final = draftRef.current;
    setDraft(null);
    if (final !== null && final !== value) onCommit(final);
  };
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
    const rounded = Math.round(parsed * 100) / 100;
    if (rounded !== value) onCommit(rounded);
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
        }}
        onKeyUp={(event) => {
          if (keySteps[event.key]) release();
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
    </div>
  );
}
