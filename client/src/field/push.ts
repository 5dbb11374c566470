import { routes } from '@shared/api/routes';
import { call } from '../api/call';
import { createStore } from '../common/store';

/**
 * Web Push, for when the field app is in the background or closed. Where the phone cannot reach
 * its browser's push service (the police intranet, many phones), the socket and the server's
 * SMS/IM fallback carry the assignment instead.
 */
export type PushState = 'unsupported' | 'off' | 'working' | 'on' | 'denied' | 'failed';

export const pushStore = createStore<PushState>('off');

const WORKER_URL = '/field-sw.js';

function supported(): boolean {
  return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

/** Registers the field app's service worker (offline shell, push); harmless to call again. */
export async function registerFieldWorker(): Promise<ServiceWorkerRegistration | null> {
  if (!('serviceWorker' in navigator)) {
    pushStore.set('unsupported');
    return null;
  }
  try {
    const registration = await navigator.serviceWorker.register(WORKER_URL, { scope: '/' });
    if (!supported()) pushStore.set('unsupported');
    else if (Notification.permission === 'denied') pushStore.set('denied');
    else if (Notification.permission === 'granted' && (await registration.pushManager.getSubscription())) {
      pushStore.set('on');
    }
    return registration;
  } catch {
    pushStore.set('unsupported');
    return null;
  }
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  const raw = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/** The officer's tap on "background alerts": permission, subscription, and telling the server. */
export async function enablePush(): Promise<void> {
  if (!supported()) {
    pushStore.set('unsupported');
    return;
  }
  pushStore.set('working');
  try {
    const permission = await Notification.requestPermission();
    if (permission !== 'granted') {
      pushStore.set(permission === 'denied' ? 'denied' : 'off');
      return;
    }
    const { publicKey, enabled } = await call(routes.push.vapidPublicKey, {});
    const registration = (await registerFieldWorker()) ?? (await navigator.serviceWorker.ready);
    if (!enabled || !registration) {
      pushStore.set('unsupported');
      return;
    }
    const subscription =
      (await registration.pushManager.getSubscription()) ??
      (await registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: keyBytes(publicKey),
      }));
    const json = subscription.toJSON();
    await call(routes.push.subscribe, {
      body: {
        endpoint: subscription.endpoint,
        expirationTime: subscription.expirationTime,
        keys: { p256dh: json.keys?.p256dh ?? '', auth: json.keys?.auth ?? '' },
      },
    });
    pushStore.set('on');
  } catch {
    // Typically the push service is out of reach (an intranet): SMS/IM covers this phone.
    pushStore.set('failed');
  }
}
