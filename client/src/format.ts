/** Formatting shared by every view. Times are shown in Beijing time, whatever the machine's zone. */

export const TIME_ZONE = 'Asia/Shanghai';

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** 75 s → "01:15", 3725 s → "1:02:05"; negative durations count as zero. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

/** A short age for lists: "12s", "4m", "3h", "2d". */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h`;
  return `${Math.floor(h / 24)}d`;
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions, key: string): Intl.DateTimeFormat {
  const id = `${locale}|${key}`;
  let f = timeFormats.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, hourCycle: 'h23', ...options });
    timeFormats.set(id, f);
  }
  return f;
}

/** "14:03:27" */
export function formatClock(epochMs: number, locale: string): string {
  return formatter(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' }, 'clock').format(
    epochMs,
  );
}

/** "11月23日 星期日" / "Sun, 23 Nov" */
export function formatDate(epochMs: number, locale: string): string {
  return formatter(locale, { month: 'short', day: 'numeric', weekday: 'short' }, 'date').format(epochMs);
}

/** "11-23 14:03:27" style for timelines and records. */
export function formatDateTime(iso: string, locale: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return formatter(
    locale,
    { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' },
    'datetime',
  ).format(t);
}

/** Milliseconds since an ISO time, or null if it does not parse. */
export function since(iso: string | null | undefined, now: number): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : now - t;
}

export function formatCoordinate(lat: number, lng: number): string {
  return `${lat.toFixed(5)}°N, ${lng.toFixed(5)}°E`;
}

/** Metres to a rounded figure: under 1 km in metres (to 10 m), else km with one decimal. */
export function splitDistance(metres: number): { unit: 'm' | 'km'; value: string } {
  if (metres < 1000) return { unit: 'm', value: String(Math.round(metres / 10) * 10) };
  return { unit: 'km', value: (metres / 1000).toFixed(metres < 10_000 ? 1 : 0) };
}

/** Seconds to a rounded ETA: under 90 s in seconds, else whole minutes. */
export function splitEta(seconds: number): { unit: 's' | 'min'; value: string } {
  if (seconds < 90) return { unit: 's', value: String(Math.max(0, Math.round(seconds))) };
  return { unit: 'min', value: String(Math.round(seconds / 60)) };
}

/** A short, stable label for an id the console has no name for: its first 8 characters. */
export function shortId(id: string): string {
  return id.slice(0, 8);
}
