/**
 * "Sidebar side: Right / Left" as a native radio group (Settings.dock), shared by the options page
 * and the popup. When policy locks `dock`, the radios are read-only and say who set them.
 */
import { useEffect, useState } from 'preact/hooks';
import { t } from './i18n';

export type Dock = 'right' | 'left';

export function DockSetting({ value, locked, lockedText, onChange, idPrefix = 'dock' }: {
  value: Dock;
  locked: boolean;
  /** The reason shown when locked ("Set by your organisation"). */
  lockedText: string;
  /** Saves the choice; resolving to false (not saved) puts the radios back to `value`. */
  onChange: (dock: Dock) => Promise<boolean>;
  idPrefix?: string;
}) {
  const noteId = `${idPrefix}-locked`;
  // The choice shows at once, not only after the save round trip; a failed save reverts it.
  const [chosen, setChosen] = useState<Dock>(value);
  useEffect(() => setChosen(value), [value]);
  function choose(side: Dock) {
    setChosen(side);
    void onChange(side).then((ok) => {
      if (!ok) setChosen(value);
    });
  }
  return (
    <fieldset class="tl-radios" data-testid="dock" aria-describedby={locked ? noteId : undefined}>
      <legend>{t('opDock')}</legend>
      {(['right', 'left'] as const).map((side) => (
        <label key={side} class="tl-radio">
          <input
            type="radio"
            name={`${idPrefix}-side`}
            id={`${idPrefix}-${side}`}
            value={side}
            checked={chosen === side}
            disabled={locked}
            onChange={() => choose(side)}
          />{' '}
          {t(side === 'right' ? 'opDockRight' : 'opDockLeft')}
        </label>
      ))}
      {locked && (
        <small id={noteId} class="tl-muted" data-testid="dock-locked">
          {lockedText}
        </small>
      )}
    </fieldset>
  );
}
