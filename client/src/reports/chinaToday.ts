/** Today's date in China ('YYYY-MM-DD'), whatever the browser's zone: periods are the bureau's. */
export function chinaToday(now = Date.now()): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
}
