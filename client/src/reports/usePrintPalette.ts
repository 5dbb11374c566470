import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';

export interface ChartPalette {
  text: string;
  muted: string;
  line: string;
  current: string;
  previous: string;
}

/** The wall's dark panel: the same colours as the console's (styles/base.css :root). */
const SCREEN: ChartPalette = {
  text: '#eef3f8',
  muted: '#b2bfcd',
  line: '#2b3a4d',
  current: '#5cb0ff',
  previous: '#8b98a8',
};
/** Paper: black on white, the previous period a grey that survives a monochrome printer. */
const PAPER: ChartPalette = {
  text: '#111111',
  muted: '#444444',
  line: '#bbbbbb',
  current: '#1f5fa8',
  previous: '#9a9a9a',
};

/**
 * Charts draw their colours into the SVG, so print CSS cannot reach them: the palette switches
 * before the browser lays out the printed page (flushSync, so the charts have re-rendered by then).
 */
export function usePrintPalette(): ChartPalette {
  const [printing, setPrinting] = useState(() => globalThis.matchMedia?.('print').matches ?? false);
  useEffect(() => {
    const before = () => flushSync(() => setPrinting(true));
    const after = () => setPrinting(false);
    const media = globalThis.matchMedia?.('print');
    const onChange = (e: MediaQueryListEvent) => (e.matches ? before() : after());
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    media?.addEventListener('change', onChange);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
      media?.removeEventListener('change', onChange);
    };
  }, []);
  return printing ? PAPER : SCREEN;
}
