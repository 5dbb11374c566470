import type { SystemComponent } from '@shared/domain/timeline';
import type { User } from '@shared/domain/user';

/** Who is making a request: a logged-in person, or an alert source holding a device key. */
export type Principal =
  | { kind: 'user'; user: User; sessionId: string; sessionExpiresAt: Date }
  | { kind: 'device'; deviceId: string; name: string; scopes: string[]; unitIds: string[] }
  /** Background work acting on its own (escalations, linkage); never reaches an HTTP or socket check. */
  | { kind: 'system'; component: SystemComponent };

export function actorOf(principal: Principal | undefined): string {
  if (!principal) return 'anonymous';
  if (principal.kind === 'system') return `system:${principal.component}`;
  return principal.kind === 'user' ? `user:${principal.user.id}` : `device:${principal.deviceId}`;
}
