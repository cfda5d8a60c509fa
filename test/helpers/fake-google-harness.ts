/** Shared setup of the fake-Google conformance tests: a fake, a loopback receiver, real clients. */
import { calendar, type calendar_v3 } from '@googleapis/calendar';
import { gmail, type gmail_v1 } from '@googleapis/gmail';
import { CodeChallengeMethod, OAuth2Client } from 'google-auth-library';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { type FakeGoogle, startFakeGoogle, visitAuthorizationUrl } from '../fakes/google';

/** Every scope the app requests. */
export const scopes = ['openid', 'email', 'https://www.googleapis.com/auth/gmail.modify', 'https://www.googleapis.com/auth/calendar.readonly'];
/** The running fake (set before each file's tests). */
export let fake: FakeGoogle;
let loopback: Server;
/** The loopback receiver's redirect URI. */
export let redirectUri: string;
/** Every callback the receiver saw. */
export const callbacks: URL[] = [];

// Status, body and headers of a GaxiosError (gaxios 7 keeps fetch Headers on the response).
// `data` is any because each test reads a different Google error shape from it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function failure(promise: Promise<unknown>): Promise<{ status: number; data: any; headers: Headers }> {
  const error = await promise.then(
    () => expect.fail('expected the call to fail'),
    (caught: unknown) => caught as { response?: { status: number; data: unknown; headers: Headers } },
  );
  if (!error.response) throw error as Error;
  return { status: error.response.status, data: error.response.data, headers: error.response.headers };
}

/** An OAuth2Client pointed at the fake. */
export function newClient(): OAuth2Client {
  return new OAuth2Client({
    clientId: fake.env.GMAIL_CLIENT_ID,
    clientSecret: fake.env.GMAIL_CLIENT_SECRET,
    redirectUri,
    endpoints: { oauth2AuthBaseUrl: fake.env.GOOGLE_OAUTH_AUTH_URL, oauth2TokenUrl: fake.env.GOOGLE_OAUTH_TOKEN_URL, oauth2RevokeUrl: fake.env.GOOGLE_OAUTH_REVOKE_URL },
  });
}

// Runs the browser part of the flow: returns the callback URL and the verifier of this attempt.
export async function authorize(client: OAuth2Client, state = 'state-123'): Promise<{ callback: URL; codeVerifier: string }> {
  const { codeVerifier, codeChallenge } = await client.generateCodeVerifierAsync();
  const url = client.generateAuthUrl({ access_type: 'offline', prompt: 'consent', scope: scopes, state, code_challenge: codeChallenge, code_challenge_method: CodeChallengeMethod.S256 });
  const { location, callbackStatus } = await visitAuthorizationUrl(url, { follow: true });
  expect(callbackStatus).toBe(200);
  expect(callbacks.at(-1)?.toString()).toBe(location.toString());
  return { callback: location, codeVerifier };
}

/** A client that went through the whole sign-in. */
export async function connectedClient(): Promise<OAuth2Client> {
  const client = newClient();
  const { callback, codeVerifier } = await authorize(client);
  client.setCredentials((await client.getToken({ code: callback.searchParams.get('code')!, codeVerifier })).tokens);
  return client;
}

// googleapis-common pins google-auth-library 10.5.0 while the project has 10.9.1: the same class at
// runtime, two declarations for TypeScript (private fields), hence the casts.
export function apis(client: OAuth2Client, rootUrl = fake.env.GOOGLE_API_ROOT_URL) {
  return {
    mail: gmail({ version: 'v1', auth: client as unknown as gmail_v1.Options['auth'], rootUrl }),
    cal: calendar({ version: 'v3', auth: client as unknown as calendar_v3.Options['auth'], rootUrl }),
  };
}

/** Registers the fake and receiver for the calling test file. */
export function useFakeGoogle(): void {
  beforeAll(async () => {
  fake = await startFakeGoogle();
  loopback = createServer((req, res) => {
    callbacks.push(new URL(req.url ?? '/', redirectUri));
    res.end('done');
  });
  await new Promise<void>((resolve) => loopback.listen(0, '127.0.0.1', resolve));
  redirectUri = `http://127.0.0.1:${(loopback.address() as AddressInfo).port}/oauth/callback`;
});
afterAll(async () => {
  await fake?.close();
  loopback?.closeAllConnections();
  await new Promise((resolve) => loopback?.close(resolve));
});
afterEach(() => {
  fake.grantScopes('all');
  fake.clearFaults();
});
}
