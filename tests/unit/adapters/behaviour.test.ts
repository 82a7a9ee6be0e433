// @vitest-environment happy-dom
/**
 * Adapter behaviour beyond the golden contexts: never mutating the page, editor and mode lookup scoped
 * to the active ticket, staying quiet when the page is ambiguous, and fixture coverage per adapter.
 */
import { describe, expect, it } from 'vitest';
import { adapterFor, adapters, allAdapters, selfHostedAdapters } from '../../../entrypoints/lib/adapters/registry';
import { generic } from '../../../entrypoints/lib/adapters/generic';
import { zendesk } from '../../../entrypoints/lib/adapters/zendesk';
import { salesforce } from '../../../entrypoints/lib/adapters/salesforce';
import { servicenow } from '../../../entrypoints/lib/adapters/servicenow';
import { hubspot } from '../../../entrypoints/lib/adapters/hubspot';
import { zoho } from '../../../entrypoints/lib/adapters/zoho';
import { freescout } from '../../../entrypoints/lib/adapters/freescout';
import { gmail } from '../../../entrypoints/lib/adapters/gmail';
import { osticket } from '../../../entrypoints/lib/adapters/osticket';
import { intercom } from '../../../entrypoints/lib/adapters/intercom';
import { selectorHealth } from '../../../entrypoints/lib/adapters/health';
import type { TicketContext } from '../../../guidance/types';
import { adapterForFixture, discoverFixtures, FIXTURES_DIR, parse, readExpected } from './fixture-utils';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const pages = discoverFixtures();

function snapshot(doc: Document): string {
  // Serialize markup plus live input values (an adapter could set .value without changing attributes).
  const values = Array.from(doc.querySelectorAll('input, textarea')).map((el) => (el as HTMLInputElement).value);
  return `${doc.documentElement.outerHTML}\n${JSON.stringify(values)}`;
}

function fixture(site: string, file: string): { doc: Document; url: URL } {
  const page = pages.find((p) => p.site === site && p.file === file);
  if (!page) throw new Error(`fixture ${site}/${file} not found`);
  return { doc: parse(page.html), url: page.url };
}

describe('adapters never mutate the live document', () => {
  for (const adapter of allAdapters) {
    it(adapter.id, () => {
      const own = adapter.id === 'generic' ? pages : pages.filter((p) => p.site === adapter.id);
      expect(own.length, `${adapter.id} has no fixture pages`).toBeGreaterThan(0);
      for (const page of own) {
        const doc = parse(page.html);
        const before = snapshot(doc);
        adapter.extract(doc, page.url);
        adapter.activeMode(doc);
        adapter.findEditor(doc, 'public');
        adapter.findEditor(doc, 'internal');
        adapter.ticketRoot(doc);
        expect(snapshot(doc), `${adapter.id} changed ${page.file}`).toBe(before);
      }
    });
  }
});

/**
 * Adapters whose public record (research helpdesk-dom.md) has no per-message role markup, so they cannot
 * yield a context with customer + agent + internal messages even though their fixture pages show such a
 * conversation. Each entry says why; remove it when the record improves.
 */
const NO_ROLE_MARKUP: Record<string, string> = {
  freshdesk: '§1.2: no per-message list or role marker (L); only the original request is read',
  salesforce: '§1.3: feed items have no documented customer/agent marker (L); only the Description is read',
  helpscout: '§1.6: thread roles exist only in page JavaScript (MAIN world); threads are not read',
  jira: '§1.9: no documented comment author/body selector; comments are not read',
  gmail: '§1.10: e-mail has no internal notes (agent and customer messages are read)',
  zoho: '§1.7: thread content has no documented role marker; threads are not read',
  servicenow: '§1.8: activity stream entries are not documented; only the Description is read',
  intercom: '§1.5: customer/teammate parts are marked (L), internal notes are not',
  hubspot: '§1.4: no public message selectors (L); messages only from a selection',
  freshservice: '§1.7: only the subject is documented (M); messages only from a selection',
};
/** Adapters with no DOM selectors at all: they read only a user selection, so static fixtures give null. */
const NO_TICKET_MARKUP: Record<string, string> = {
  gorgias: '§1.7: no DOM selectors on record (L)',
  front: '§1.7: only generated class hashes in the DOM (L)',
};

describe('fixture coverage', () => {
  for (const adapter of [...adapters, ...selfHostedAdapters]) {
    it(`${adapter.id} has at least two ticket fixtures, one with both sides and an internal note`, () => {
      const own = pages.filter((p) => p.site === adapter.id && adapterForFixture(p)?.id === adapter.id);
      expect(own.length, 'ticket pages claimed by the adapter').toBeGreaterThanOrEqual(2);
      if (NO_TICKET_MARKUP[adapter.id]) return;
      const contexts = own
        .map((p) => readExpected(p.expectedPath) as TicketContext | null | undefined)
        .filter((c): c is TicketContext => !!c);
      expect(contexts.length).toBeGreaterThanOrEqual(2);
      if (NO_ROLE_MARKUP[adapter.id]) return;
      const rich = contexts.some((c) => {
        const roles = new Set(c.messages.map((m) => m.role));
        return roles.has('customer') && roles.has('agent') && roles.has('internal');
      });
      expect(rich).toBe(true);
    });
  }

  it('route keys are unique across sites, so one demo server can serve every fixture', () => {
    const seen = new Map<string, string>();
    for (const site of new Set(pages.map((p) => p.site))) {
      const routes = JSON.parse(readFileSync(join(FIXTURES_DIR, site, 'routes.json'), 'utf8')) as Record<string, string>;
      for (const key of Object.keys(routes)) {
        expect(seen.get(key), `${key} routed by ${seen.get(key)} and ${site}`).toBeUndefined();
        seen.set(key, site);
      }
    }
  });

  it('every site routes.json points at existing fixture files', () => {
    for (const site of new Set(pages.map((p) => p.site))) {
      const routes = JSON.parse(readFileSync(join(FIXTURES_DIR, site, 'routes.json'), 'utf8')) as Record<string, string>;
      const files = new Set(pages.filter((p) => p.site === site).map((p) => p.file));
      for (const [path, file] of Object.entries(routes)) {
        expect(path.startsWith('/'), path).toBe(true);
        expect(files.has(file), `${site}/routes.json → ${file}`).toBe(true);
      }
      // Every ticket page is routed at its claimed path.
      for (const p of pages.filter((q) => q.site === site)) {
        expect(routes[p.url.pathname + p.url.search], `${site}: ${p.file} not routed`).toBe(p.file);
      }
    }
  });
});

describe('zendesk: scoped to the active ticket', () => {
  it('finds the public editor of the active pane only, and no internal editor in public mode', () => {
    const { doc } = fixture('zendesk', '2026-11-24-refund-damaged-tent.html');
    expect(zendesk.activeMode(doc)).toBe('public');
    const editor = zendesk.findEditor(doc, 'public');
    expect(editor?.getAttribute('data-test-id')).toBe('omnicomposer-rich-text-ckeditor');
    expect(editor?.closest('[data-ticket-id]')?.getAttribute('data-ticket-id')).toBe('48213');
    expect(zendesk.findEditor(doc, 'internal')).toBeNull();
    expect(zendesk.ticketRoot(doc)?.getAttribute('data-ticket-id')).toBe('48213');
  });

  it('reads the second tab when it is in front, in internal-note mode', () => {
    const { doc } = fixture('zendesk', '2026-11-24-two-tabs-second-active.html');
    expect(zendesk.activeMode(doc)).toBe('internal');
    expect(zendesk.findEditor(doc, 'public')).toBeNull();
    expect(zendesk.findEditor(doc, 'internal')?.closest('[data-ticket-id]')?.getAttribute('data-ticket-id')).toBe('48262');
  });

  it('stays quiet when the URL and the active tab disagree (mid-switch)', () => {
    const { doc } = fixture('zendesk', '2026-11-24-refund-damaged-tent.html');
    expect(zendesk.extract(doc, new URL('https://northwind-demo.zendesk.com/agent/tickets/48190'))).toBeNull();
  });

  it('follows a tab switch: flipping aria-current and data-is-active moves extraction to the other ticket', () => {
    const { doc } = fixture('zendesk', '2026-11-24-refund-damaged-tent.html');
    for (const tab of Array.from(doc.querySelectorAll('[data-test-id="header-tab"]'))) {
      if (tab.getAttribute('data-entity-id') === '48190') tab.setAttribute('aria-current', 'page');
      else tab.removeAttribute('aria-current');
    }
    for (const pane of Array.from(doc.querySelectorAll('.ticket-panes-grid-layout'))) {
      pane.setAttribute('data-is-active', pane.getAttribute('data-ticket-id') === '48190' ? 'true' : 'false');
    }
    const ctx = zendesk.extract(doc, new URL('https://northwind-demo.zendesk.com/agent/tickets/48190'));
    expect(ctx?.ticketId).toBe('48190');
    expect(ctx?.subject).toBe('Boots one size too small');
    expect(ctx?.requester).toEqual({ name: 'Ben Sample' });
    expect(ctx?.channel).toBe('web');
  });

  it('stays quiet when two panes claim to be active and nothing says which', () => {
    const { doc } = fixture('zendesk', '2026-11-24-refund-damaged-tent.html');
    for (const pane of Array.from(doc.querySelectorAll('.ticket-panes-grid-layout'))) {
      pane.setAttribute('data-is-active', 'true');
      pane.removeAttribute('data-ticket-id');
    }
    for (const tab of Array.from(doc.querySelectorAll('[data-test-id="header-tab"]'))) tab.removeAttribute('aria-current');
    expect(zendesk.extract(doc, new URL('https://northwind-demo.zendesk.com/agent/tickets/48213'))).toBeNull();
  });

  it('skips messages whose author type it does not know instead of guessing', () => {
    const { doc, url } = fixture('zendesk', '2026-11-24-refund-damaged-tent.html');
    const metas = doc.querySelectorAll('[data-ticket-id="48213"] [data-test-id="omni-log-item-message"]');
    metas[0]!.setAttribute('type', 'something-new');
    const ctx = zendesk.extract(doc, url)!;
    expect(ctx.messages).toHaveLength(3);
    expect(ctx.messages[0]!.role).toBe('agent');
  });

  it('reads what the agent typed into the subject (live value), not the stale attribute', () => {
    const { doc, url } = fixture('zendesk', '2026-11-24-where-is-my-order.html');
    (doc.querySelector('input[data-test-id="omni-header-subject"]') as HTMLInputElement).value = 'Order NW-100871 not shipped';
    expect(zendesk.extract(doc, url)?.subject).toBe('Order NW-100871 not shipped');
  });

  it('returns null on a page without any ticket markup', () => {
    const doc = parse('<!doctype html><html><body><p>Loading…</p></body></html>');
    expect(zendesk.extract(doc, new URL('https://northwind-demo.zendesk.com/agent/tickets/1'))).toBeNull();
    expect(zendesk.findEditor(doc, 'public')).toBeNull();
    expect(zendesk.activeMode(doc)).toBe('public');
  });

  it('adapterFor picks zendesk for its fixtures', () => {
    expect(adapterFor(new URL('https://northwind-demo.zendesk.com/agent/tickets/48213'))?.id).toBe('zendesk');
  });
});

describe('generic fallback', () => {
  const html = `<!doctype html><html><head><title>Case 1042 · Acme Support</title></head><body>
    <nav><a href="/">Home</a> <a href="/queue">Queue</a> Lots of navigation words that are not the ticket at all</nav>
    <main><h1>Broken zipper on my backpack</h1>
      <p>Hello, the zipper on my backpack broke after two days. I would like a replacement.</p>
      <p>Thanks, Ada</p>
      <button>Reply</button>
    </main>
    <aside>Related articles: how to care for zippers</aside>
    <textarea id="small" rows="2"></textarea>
    <div id="reply" contenteditable="true"><p>Draft</p></div>
    </body></html>`;

  it('reads the main content as one customer message, subject from its h1', () => {
    const doc = parse(html);
    const ctx = generic.extract(doc, new URL('https://support.example.org/cases/1042'))!;
    expect(ctx.platform).toBe('generic');
    expect(ctx.ticketId).toBe('1042');
    expect(ctx.subject).toBe('Broken zipper on my backpack');
    expect(ctx.messages).toEqual([{ role: 'customer', text: 'Broken zipper on my backpack\n\nHello, the zipper on my backpack broke after two days. I would like a replacement.\n\nThanks, Ada' }]);
    expect(ctx.latestCustomerMessage).toBe(ctx.messages[0]!.text);
    expect(ctx.replyMode).toBe('public');
  });

  it('without main/article, picks the largest text block', () => {
    const doc = parse(`<!doctype html><html><head><title>Ticket</title></head><body>
      <div class="menu"><span>Inbox</span> <span>Settings</span></div>
      <div class="thread"><div class="msg"><p>My order never arrived and I have waited three weeks.</p><p>Please refund me.</p></div></div>
      <div class="footer">© Example</div></body></html>`);
    const ctx = generic.extract(doc, new URL('https://help.example.org/ticket?id=77'))!;
    expect(ctx.ticketId).toBe('77');
    expect(ctx.latestCustomerMessage).toBe('My order never arrived and I have waited three weeks.\n\nPlease refund me.');
    expect(ctx.subject).toBe('Ticket');
  });

  it('prefers the user selection when there is one', () => {
    document.body.innerHTML = '<main><p id="a">First paragraph about shipping.</p><p id="b">The strap snapped, I want a refund.</p></main>';
    const range = document.createRange();
    range.selectNodeContents(document.getElementById('b')!);
    const sel = document.getSelection()!;
    sel.removeAllRanges();
    sel.addRange(range);
    const ctx = generic.extract(document, new URL('https://support.example.org/t/9'))!;
    expect(ctx.latestCustomerMessage).toBe('The strap snapped, I want a refund.');
    sel.removeAllRanges();
    expect(generic.extract(document, new URL('https://support.example.org/t/9'))!.latestCustomerMessage).toBe(
      'First paragraph about shipping.\n\nThe strap snapped, I want a refund.',
    );
  });

  it('finds the focused editor, else a visible editor; never for internal mode', () => {
    document.body.innerHTML = '<textarea id="t1"></textarea><div id="ce" contenteditable="true"><p>x</p></div><textarea id="hidden" hidden></textarea>';
    const ce = document.getElementById('ce')!;
    ce.focus();
    expect(generic.findEditor(document, 'public')).toBe(ce);
    ce.blur();
    const fallback = generic.findEditor(document, 'public');
    expect(fallback && ['t1', 'ce'].includes(fallback.id)).toBe(true);
    expect(generic.findEditor(document, 'internal')).toBeNull();
    expect(generic.activeMode(document)).toBe('public');
  });

  it('returns null on an empty page', () => {
    expect(generic.extract(parse('<!doctype html><html><body></body></html>'), new URL('https://x.example/'))).toBeNull();
  });
});

describe('salesforce console', () => {
  it('hands out the Quill editor of the visible record, never the background tab’s', () => {
    const { doc } = fixture('salesforce', '2026-11-24-console-two-cases.html');
    const editor = salesforce.findEditor(doc, 'public');
    expect(editor?.classList.contains('ql-editor')).toBe(true);
    expect(editor?.closest('[data-record-id]')?.getAttribute('data-record-id')).toBe('500Hs00001Xa1b2QAA');
    expect(salesforce.findEditor(doc, 'internal')).toBeNull();
    expect(salesforce.ticketRoot(doc)?.closest('[data-record-id]')?.getAttribute('data-record-id')).toBe('500Hs00001Xa1b2QAA');
  });

  it('returns null when the visible record has neither subject nor description', () => {
    const { doc, url } = fixture('salesforce', '2026-11-24-console-two-cases.html');
    for (const el of Array.from(doc.querySelectorAll('[data-record-id="500Hs00001Xa1b2QAA"] [data-target-selection-name]'))) el.remove();
    expect(salesforce.extract(doc, url)).toBeNull();
  });
});

describe('thin adapters: the agent’s selection is the customer message', () => {
  function select(doc: Document, el: Element): void {
    const range = doc.createRange();
    range.selectNodeContents(el);
    const sel = doc.getSelection()!;
    sel.removeAllRanges();
    sel.addRange(range);
  }

  it.each([
    ['gorgias', '2026-11-24-damaged-backpack.html'],
    ['front', '2026-11-24-damaged-backpack.html'],
    ['helpscout', '2026-11-24-dented-stove-refund.html'],
    ['jira', '2026-11-24-double-charge.html'],
    ['hubspot', '2026-11-24-help-desk-exchange.html'],
  ])('%s', (site, file) => {
    const page = pages.find((p) => p.site === site && p.file === file)!;
    // Selections need a live document: load the fixture into the test window's document.
    document.documentElement.innerHTML = parse(page.html).documentElement.innerHTML;
    const target = Array.from(document.querySelectorAll('p')).find((p) => /refund|charged twice|exchange/i.test(p.textContent ?? ''))!;
    select(document, target);
    const ctx = adapterFor(page.url)!.extract(document, page.url)!;
    expect(ctx.platform).toBe(site);
    expect(ctx.messages).toEqual([{ role: 'customer', text: target.textContent!.trim() }]);
    expect(ctx.latestCustomerMessage).toBe(target.textContent!.trim());
    document.getSelection()!.removeAllRanges();
  });
});

describe('servicenow form frame', () => {
  it('public editor = customer-visible comments, internal = work notes; mode follows focus', () => {
    document.documentElement.innerHTML = parse(pages.find((p) => p.file === '2026-11-24-incident-form.html')!.html).documentElement.innerHTML;
    const comments = document.getElementById('activity-stream-comments-textarea')!;
    const notes = document.getElementById('activity-stream-work_notes-textarea')!;
    expect(servicenow.findEditor(document, 'public')).toBe(comments);
    expect(servicenow.findEditor(document, 'internal')).toBe(notes);
    expect(servicenow.activeMode(document)).toBe('public');
    notes.focus();
    expect(servicenow.activeMode(document)).toBe('internal');
    notes.blur();
  });

  it('single activity box is public only; workspace records are claimed but not read', () => {
    const { doc } = fixture('servicenow', '2026-11-24-request-item-single-box.html');
    expect(servicenow.findEditor(doc, 'public')?.id).toBe('activity-stream-textarea');
    expect(servicenow.findEditor(doc, 'internal')).toBeNull();
    const sow = new URL('https://northwinddemo.service-now.com/now/sow/record/incident/9d385017c611228701d22104cc95c372');
    expect(servicenow.matchesUrl(sow)).toBe(true);
    expect(servicenow.extract(fixture('servicenow', '2026-11-24-workspace-record.html').doc, sow)).toBeNull();
  });
});

describe('hubspot reply vs comment from the URL hash', () => {
  it('#comment is internal, #email public; the editor is handed out only for the active mode', () => {
    document.documentElement.innerHTML = parse(pages.find((p) => p.file === '2026-11-24-help-desk-exchange.html')!.html).documentElement.innerHTML;
    history.replaceState(null, '', '/help-desk/24681357/view/all-open/ticket/90210001#comment');
    expect(hubspot.activeMode(document)).toBe('internal');
    expect(hubspot.findEditor(document, 'public')).toBeNull();
    expect(hubspot.findEditor(document, 'internal')?.getAttribute('aria-label')).toBe('Email reply');
    history.replaceState(null, '', '/help-desk/24681357/view/all-open/ticket/90210001#email');
    expect(hubspot.activeMode(document)).toBe('public');
    const url = new URL('https://app.hubspot.com/help-desk/24681357/view/all-open/ticket/90210001#comment');
    expect(hubspot.extract(document, url)?.replyMode).toBe('internal');
  });
});

describe('zoho sub-tabs and other scoping', () => {
  it('reads the sub-tab of the ticket in the URL, not the first mounted one', () => {
    const { doc } = fixture('zoho', '2026-11-24-two-subtabs-refund.html');
    const other = new URL('https://desk.zoho.eu/agent/northwinddemo/customer-care/tickets/details/418000000123010');
    expect(zoho.extract(doc, other)?.subject).toBe('Question about sizing');
  });

  it('freescout sorts threads by id even when the page lists newest first', () => {
    const { doc, url } = fixture('freescout', '2026-11-24-leaking-boots.html');
    const ctx = freescout.extract(doc, url)!;
    expect(ctx.messages.map((m) => m.role)).toEqual(['customer', 'agent', 'internal', 'customer']);
  });

  it('gmail reads no roles when the title does not show the signed-in address', () => {
    const { doc, url } = fixture('gmail', '2026-11-24-missing-pegs-thread.html');
    doc.title = 'Re: Missing tent pegs in my order - Gmail';
    const ctx = gmail.extract(doc, url)!;
    expect(ctx.messages).toEqual([]);
    expect(ctx.subject).toBe('Re: Missing tent pegs in my order');
  });

  it('osticket hands out the reply textarea only while it is shown (Redactor hides it)', () => {
    const { doc } = fixture('osticket', '2026-11-24-return-label.html');
    expect(osticket.findEditor(doc, 'public')?.id).toBe('response');
    doc.getElementById('response')!.setAttribute('style', 'display: none');
    expect(osticket.findEditor(doc, 'public')).toBeNull();
  });

  it('intercom hands out the ProseMirror composer for public replies', () => {
    const { doc } = fixture('intercom', '2026-11-24-late-delivery-chat.html');
    expect(intercom.findEditor(doc, 'public')?.classList.contains('embercom-prosemirror-composer-editor')).toBe(true);
    expect(intercom.findEditor(doc, 'internal')).toBeNull();
  });
});

describe('demo index', () => {
  it('links every routed fixture page', () => {
    const index = parse(readFileSync(join(FIXTURES_DIR, 'demo', 'index.html'), 'utf8'));
    const hrefs = new Set(Array.from(index.querySelectorAll('a[href]')).map((a) => a.getAttribute('href')!.split('#')[0]));
    for (const site of new Set(pages.map((p) => p.site))) {
      const routes = JSON.parse(readFileSync(join(FIXTURES_DIR, site, 'routes.json'), 'utf8')) as Record<string, string>;
      for (const path of Object.keys(routes)) expect(hrefs.has(path), `demo/index.html lacks ${path}`).toBe(true);
    }
  });
});

describe('selector health', () => {
  it('counts each documented selector and reports misses without any page text', () => {
    const { doc } = fixture('zendesk', '2026-11-24-refund-damaged-tent.html');
    const health = selectorHealth(doc, 'zendesk');
    const get = (name: string) => health.filter((h) => h.name === name).map((h) => h.count);
    expect(get('logItems')).toEqual([5]); // 4 in the active pane + 1 in the background tab
    expect(get('activeTab')).toEqual([1]);
    expect(get('subject')).toEqual([2, 0]); // current + legacy selector
    expect(JSON.stringify(health)).not.toMatch(/\bAda\b|refund|\btent\b|Example/i);
    expect(selectorHealth(doc, 'front')).toEqual([]);
  });
});
