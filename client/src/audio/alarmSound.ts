import { readPref, writePref } from '../common/prefs';
import { createStore } from '../common/store';
import { audioContextClass, beep } from './tone';

/**
 * The distress alarm tone, made with Web Audio so it needs no sound file. Browsers keep audio
 * suspended until the page gets a click or a key press, so the console shows an "enable sound"
 * button while the context is suspended, and remembers the operator's choice.
 */
export interface SoundState {
  supported: boolean;
  /** The operator wants the alarm to sound (remembered). */
  wanted: boolean;
  /** The browser lets us play (the audio context is running). */
  unlocked: boolean;
  playing: boolean;
}

export const soundStore = createStore<SoundState>({
  supported: audioContextClass() !== null,
  wanted: readPref('sound') !== 'off',
  unlocked: false,
  playing: false,
});

let context: AudioContext | null = null;
let loop: ReturnType<typeof setInterval> | null = null;

function update(patch: Partial<SoundState>): void {
  soundStore.set((s) => ({ ...s, ...patch }));
}

function ensureContext(): AudioContext | null {
  if (context) return context;
  const Ctor = audioContextClass();
  if (!Ctor) return null;
  try {
    context = new Ctor();
    context.addEventListener('statechange', () => update({ unlocked: context?.state === 'running' }));
  } catch {
    update({ supported: false });
    return null;
  }
  return context;
}

/** Try to start audio; only succeeds inside a user gesture, or after one. */
export async function unlockAudio(): Promise<boolean> {
  const ctx = ensureContext();
  if (!ctx) return false;
  try {
    if (ctx.state !== 'running') await ctx.resume();
  } catch {
    // still blocked
  }
  const running = ctx.state === 'running';
  update({ unlocked: running });
  return running;
}

/** The header button: a click both records the wish and unlocks audio (it is a gesture). */
export async function setSoundWanted(wanted: boolean): Promise<void> {
  writePref('sound', wanted ? 'on' : 'off');
  update({ wanted });
  if (wanted) {
    if (await unlockAudio()) playChirp();
  } else {
    stopAlarm();
  }
}

/** One short confirmation beep when sound is switched on. */
function playChirp(): void {
  if (!context) return;
  beep(context, context.currentTime + 0.02, 1046, 0.12, 0.15);
}

const PATTERN_MS = 2000;

/** A two-tone burst (high-low-high-low), repeated every 2 s: distinct from any other sound. */
function playPattern(): void {
  const ctx = context;
  if (ctx?.state !== 'running') return;
  const t0 = ctx.currentTime + 0.02;
  for (let i = 0; i < 4; i++) beep(ctx, t0 + i * 0.22, i % 2 === 0 ? 960 : 720, 0.2, 0.25);
}

export function startAlarm(): void {
  const state = soundStore.get();
  if (!state.wanted || !state.supported) return;
  if (loop) return;
  if (!state.unlocked) void unlockAudio();
  playPattern();
  loop = setInterval(playPattern, PATTERN_MS);
  update({ playing: true });
}

export function stopAlarm(): void {
  if (loop) clearInterval(loop);
  loop = null;
  if (soundStore.get().playing) update({ playing: false });
}

/**
 * If the operator wanted sound on a previous visit, the first click or key press anywhere
 * unlocks it again without a separate button press.
 */
export function installGestureUnlock(): () => void {
  const handler = () => {
    if (!soundStore.get().wanted || soundStore.get().unlocked) return;
    void unlockAudio();
  };
  window.addEventListener('pointerdown', handler, true);
  window.addEventListener('keydown', handler, true);
  return () => {
    window.removeEventListener('pointerdown', handler, true);
    window.removeEventListener('keydown', handler, true);
  };
}
