/** Web Audio helpers shared by the console's distress alarm and the field app's assignment alert. */
type AudioContextCtor = typeof AudioContext;

/** The browser's AudioContext (older Safari: webkitAudioContext), or null where there is none. */
export function audioContextClass(): AudioContextCtor | null {
  const g = globalThis as typeof globalThis & { webkitAudioContext?: AudioContextCtor };
  return g.AudioContext ?? g.webkitAudioContext ?? null;
}

/** One square-wave beep with short ramps, so it starts and stops without a click. */
export function beep(
  ctx: AudioContext,
  at: number,
  frequency: number,
  duration: number,
  volume: number,
): void {
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.type = 'square';
  osc.frequency.setValueAtTime(frequency, at);
  gain.gain.setValueAtTime(0.0001, at);
  gain.gain.exponentialRampToValueAtTime(volume, at + 0.015);
  gain.gain.setValueAtTime(volume, at + duration - 0.03);
  gain.gain.exponentialRampToValueAtTime(0.0001, at + duration);
  osc.connect(gain).connect(ctx.destination);
  osc.start(at);
  osc.stop(at + duration + 0.02);
}
