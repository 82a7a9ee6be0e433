/**
 * The typing path. Per keystroke the handler only remembers the event target and re-arms one timer;
 * finding the reply editor, reading the draft and asking the background all happen once the agent
 * pauses. (`npm run bench` measures the per-keystroke cost.)
 */
export interface DraftWatcher {
  /** The `input` listener: O(1), no DOM queries, no layout reads. */
  onInput(event: Event): void;
  cancel(): void;
}

export function createDraftWatcher(onPause: (target: Node) => void, delayMs: number): DraftWatcher {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last: Node | null = null;
  const fire = () => {
    timer = undefined;
    const target = last;
    last = null;
    if (target) onPause(target);
  };
  return {
    onInput(event) {
      last = event.target as Node | null;
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(fire, delayMs);
    },
    cancel() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      last = null;
    },
  };
}
