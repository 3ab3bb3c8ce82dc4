/**
 * Tabs following the WAI-ARIA tabs pattern: one tab stop, arrow keys move between tabs,
 * Home and End jump. Only the selected panel is rendered, except a `keepMounted` one, which
 * stays in the page (hidden) so its state survives a visit to another tab.
 */
import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabSpec {
  id: string;
  title: string;
  content: ReactNode;
  keepMounted?: boolean;
}

export function Tabs({ label, tabs, selected, onSelect }: { label: string; tabs: TabSpec[]; selected: string; onSelect: (id: string) => void }) {
  const buttons = useRef<Record<string, HTMLButtonElement | null>>({});
  const index = Math.max(0, tabs.findIndex((t) => t.id === selected));

  const keyDown = (event: KeyboardEvent) => {
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = tabs[(moves[event.key] + tabs.length) % tabs.length];
    onSelect(next.id);
    buttons.current[next.id]?.focus();
  };

  const current = tabs[index];
  return (
    <div className="pf-tabs">
      <div role="tablist" aria-label={label} className="pf-tabs__list" onKeyDown={keyDown}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            ref={(el) => {
              buttons.current[tab.id] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${tab.id}`}
            aria-selected={tab.id === current.id}
            aria-controls={`panel-${tab.id}`}
            tabIndex={tab.id === current.id ? 0 : -1}
            className={`pf-tabs__tab${tab.id === current.id ? ' pf-tabs__tab--selected' : ''}`}
            onClick={() => onSelect(tab.id)}
          >
            {tab.title}
          </button>
        ))}
      </div>
      {current.keepMounted ? null : (
        <div role="tabpanel" id={`panel-${current.id}`} aria-labelledby={`tab-${current.id}`} className="pf-tabs__panel" tabIndex={0}>
          {current.content}
        </div>
      )}
      {tabs
        .filter((tab) => tab.keepMounted)
        .map((tab) => (
          <div key={tab.id} role="tabpanel" id={`panel-${tab.id}`} aria-labelledby={`tab-${tab.id}`} className="pf-tabs__panel" tabIndex={0} hidden={tab.id !== current.id}>
            {tab.content}
          </div>
        ))}
    </div>
  );
}
