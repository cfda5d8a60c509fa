/**
 * Google's OAuth scopes, in one place: the sign-ins (a Gmail or Calendar card, a Google account's
 * incremental consents) ask for them and the guided set-up tells the person to add them to the
 * consent screen, so the two cannot drift apart.
 */

/** Scopes by name. */
export const GOOGLE_SCOPES = {
  openid: 'openid',
  email: 'email',
  gmailModify: 'https://www.googleapis.com/auth/gmail.modify',
  calendarReadonly: 'https://www.googleapis.com/auth/calendar.readonly',
  tasks: 'https://www.googleapis.com/auth/tasks',
  /** Cloud Pub/Sub (pull and acknowledge), asked for only when a person turns Gmail push on. */
  pubsub: 'https://www.googleapis.com/auth/pubsub',
} as const;

/**
 * The scopes the consent screen must list for the services (openid and email are basic sign-in
 * scopes and need no step; Pub/Sub only for Gmail push, a step of its own in the README).
 */
export const GOOGLE_SERVICE_SCOPES: readonly string[] = [GOOGLE_SCOPES.gmailModify, GOOGLE_SCOPES.calendarReadonly, GOOGLE_SCOPES.tasks];
