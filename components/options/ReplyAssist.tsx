/**
 * Options → Reply assistance: how to open the command palette (the browser shortcut, which the agent can
 * change in the browser's own shortcut settings, and the ";;" trigger) and the phrases the agent asked
 * Tactline not to flag any more, each of which can be restored.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { DISMISSED_KEY, parseDismissed, saveDismissed } from '@/entrypoints/lib/dismissed';
import { fmtShortcut, t } from '@/components/i18n';

const SHORTCUTS_URL = 'chrome://extensions/shortcuts';

type CommandsApi = typeof browser.commands & { openShortcutSettings?: () => Promise<void> };

export function ReplyAssistSection() {
  const [shortcut, setShortcut] = useState<string | null>(null);
  const [dismissed, setDismissed] = useState<string[]>([]);
  const [status, setStatus] = useState('');

  async function load() {
    try {
      const cmd = (await browser.commands.getAll()).find((c) => c.name === 'open-palette');
      setShortcut(cmd?.shortcut ?? '');
    } catch {
      setShortcut('');
    }
    setDismissed(parseDismissed((await browser.storage.local.get(DISMISSED_KEY))[DISMISSED_KEY]));
  }

  useEffect(() => {
    void load();
    const onChange = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && DISMISSED_KEY in changes) void load();
    };
    browser.storage.onChanged.addListener(onChange);
    return () => browser.storage.onChanged.removeListener(onChange);
  }, []);

  async function changeShortcut() {
    const commands = browser.commands as CommandsApi;
    try {
      // Firefox 137+ opens its own shortcut page; Chromium-based browsers have chrome://extensions/shortcuts.
      if (typeof commands.openShortcutSettings === 'function') await commands.openShortcutSettings();
      else await browser.tabs.create({ url: SHORTCUTS_URL });
    } catch {
      setStatus(t('raShortcutManual', SHORTCUTS_URL));
    }
  }

  async function restore(key: string) {
    const next = dismissed.filter((k) => k !== key);
    await saveDismissed(next);
    setDismissed(next);
    setStatus(t('raRestored', key.slice(key.indexOf('|') + 1)));
  }

  return (
    <section id="reply-assist" aria-labelledby="reply-assist-h" class="tl-card" data-testid="reply-assist">
      <h2 id="reply-assist-h">{t('raTitle')}</h2>
      <h3>{t('raPaletteH')}</h3>
      <p>
        {shortcut === null ? '…' : shortcut ? t('raShortcutIs', fmtShortcut(shortcut)) : t('raShortcutNone')} {t('raTrigger')}
      </p>
      <p>
        <button type="button" class="tl-btn" onClick={() => void changeShortcut()}>
          {t('raChangeShortcut')}
        </button>
      </p>
      <h3>{t('raDismissedH')}</h3>
      {dismissed.length === 0 ? (
        <p class="tl-muted">{t('raDismissedNone')}</p>
      ) : (
        <ul class="tl-plain-list" data-testid="dismissed">
          {dismissed.map((key) => {
            const phrase = key.slice(key.indexOf('|') + 1);
            return (
              <li key={key}>
                <span>“{phrase}”</span>{' '}
                <button type="button" class="tl-btn" aria-label={t('raRestoreLabel', phrase)} onClick={() => void restore(key)}>
                  {t('raRestore')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <p role="status" class="tl-muted">
        {status}
      </p>
    </section>
  );
}
