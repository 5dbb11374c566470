import type { ReactNode } from 'react';

/**
 * A scrolling list with nothing focusable inside (tables, task rows): keyboard users must still
 * be able to scroll it, so it takes focus itself and is named by its panel's heading.
 */
export function ScrollRegion({ labelledBy, children }: { labelledBy: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1; axe scrollable-region-focusable)
    <section className="sup-scroll" aria-labelledby={labelledBy} tabIndex={0}>
      {children}
    </section>
  );
}
