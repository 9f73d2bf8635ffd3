// Quality (Auto or a fixed height), audio language and subtitles, kept in step with Shaka's events.
import { useEffect, useState } from 'react';
import type shaka from 'shaka-player/dist/shaka-player.compiled.js';
import { chooseHeight, chooseText, languageName, readChoices, type TrackChoices } from './tracks';

const TRACK_EVENTS = ['trackschanged', 'variantchanged', 'adaptation', 'textchanged', 'texttrackvisibility', 'abrstatuschanged'];

/** Re-reads the choices whenever Shaka says tracks or the active variant changed. */
function useChoices(player: shaka.Player): [TrackChoices, () => void] {
  const [choices, setChoices] = useState(() => readChoices(player));
  useEffect(() => {
    const update = (): void => setChoices(readChoices(player));
    update();
    for (const name of TRACK_EVENTS) player.addEventListener(name, update);
    return () => {
      for (const name of TRACK_EVENTS) player.removeEventListener(name, update);
    };
  }, [player]);
  return [choices, () => setChoices(readChoices(player))];
}

function Option({ label, checked, onPick, testId }: { label: string; checked: boolean; onPick: () => void; testId: string }) {
  return (
    <button type="button" role="menuitemradio" aria-checked={checked} className={checked ? 'menu-item checked' : 'menu-item'} data-nav data-testid={testId} onClick={onPick}>
      {label}
    </button>
  );
}

export function SettingsMenu({ player }: { player: shaka.Player }) {
  const [c, reread] = useChoices(player);
  // Not every choice raises a Shaka event (turning ABR on does not), so re-read after each one.
  const refresh = (f: () => void) => (): void => {
    f();
    reread();
  };
  return (
    <div className="settings-menu" role="menu" aria-label="Playback settings">
      <div role="group" aria-label="Quality">
        <h3>Quality</h3>
        <Option label={`Auto${c.abr && c.activeHeight ? ` (${c.activeHeight}p)` : ''}`} checked={c.abr} testId="quality-auto" onPick={refresh(() => chooseHeight(player, null))} />
        {c.heights.map((h) => (
          <Option key={h} label={`${h}p`} checked={!c.abr && c.activeHeight === h} testId={`quality-${h}`} onPick={refresh(() => chooseHeight(player, h))} />
        ))}
      </div>
      {c.languages.length > 1 && (
        <div role="group" aria-label="Audio">
          <h3>Audio</h3>
          {c.languages.map((l) => (
            <Option key={l} label={languageName(l)} checked={c.activeLanguage === l} testId={`audio-${l}`} onPick={refresh(() => player.selectAudioLanguage(l))} />
          ))}
        </div>
      )}
      <div role="group" aria-label="Subtitles">
        <h3>Subtitles</h3>
        <Option label="Off" checked={c.activeText === null} testId="subtitles-off" onPick={refresh(() => chooseText(player, null))} />
        {c.texts.map((t) => (
          <Option key={t.id} label={t.label || languageName(t.language)} checked={c.activeText === t.id} testId={`subtitles-${t.language}`} onPick={refresh(() => chooseText(player, t.id))} />
        ))}
      </div>
    </div>
  );
}
