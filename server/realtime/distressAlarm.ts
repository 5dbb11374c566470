/** How long a console has to confirm it sounded a distress alarm before it counts as lagging. */
export const ALARM_CONFIRM_MS = 5000;

export const laggingKey = (prefix: string) => `${prefix}:consoles:lagging`;

export interface LaggingConsole {
  socketId: string;
  userId: string;
  username: string;
  incidentId: string;
  since: string;
}
