/**
 * How a pushed assignment gets the officer's attention: vibration and a tone, repeated until it
 * is acknowledged. Web Audio needs no sound file; phones keep audio locked until the first touch,
 * so the field app unlocks it on the login tap or the first touch after.
 */
import { audioContextClass, beep } from '../audio/tone';

let context: AudioContext | null = null;
let loop: ReturnType<typeof setInterval> | null = null;

function audioContext(): AudioContext | null {
  if (context) return context;
  const Ctor = audioContextClass();
  if (!Ctor) return null;
  try {
    context = new Ctor();
  } catch {
    return null;
  }
  return context;
}

/** Call from a touch handler: lets later alerts sound. */
export function unlockFieldAudio(): void {
  const ctx = audioContext();
  if (ctx && ctx.state !== 'running') void ctx.resume().catch(() => {});
}

function tone(at: number, frequency: number, duration: number, volume: number): void {
  if (context) beep(context, at, frequency, duration, volume);
}

const VIBRATION = [600, 200, 600, 200, 600];
const EVERY_MS = 2500;

function burst(): void {
  navigator.vibrate?.(VIBRATION);
  const ctx = audioContext();
  if (ctx?.state !== 'running') return;
  const t0 = ctx.currentTime + 0.02;
  for (let i = 0; i < 3; i++) tone(t0 + i * 0.3, i % 2 === 0 ? 1200 : 880, 0.24, 0.3);
}

/** Starts the assignment alert (vibration and tone every 2.5 s) until stopAssignmentAlert. */
export function startAssignmentAlert(): void {
  if (loop) return;
  burst();
  loop = setInterval(burst, EVERY_MS);
  document.documentElement.dataset.fieldAlerting = 'true';
}

export function stopAssignmentAlert(): void {
  if (loop) clearInterval(loop);
  loop = null;
  navigator.vibrate?.(0);
  delete document.documentElement.dataset.fieldAlerting;
}

/** One short confirmation when an SOS fires (never in covert mode). */
export function chirp(): void {
  const ctx = audioContext();
  if (ctx?.state !== 'running') return;
  tone(ctx.currentTime + 0.02, 1400, 0.15, 0.25);
}
