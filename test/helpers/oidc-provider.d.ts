/**
 * The slice of oidc-provider v9 the conformance test uses. The package ships no typings and
 * @types/oidc-provider is not installed, so these declarations cover only what the harness calls.
 */
declare module 'oidc-provider' {
  import { type IncomingMessage, type ServerResponse } from 'node:http';

  /** An adapter instance per model name (Session, Interaction, AuthorizationCode, ...). */
  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void>;
    find(id: string): Promise<AdapterPayload | undefined>;
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>;
    findByUid(uid: string): Promise<AdapterPayload | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  /** What the provider stores; only the fields the adapter indexes are named. */
  export interface AdapterPayload {
    [key: string]: unknown;
    grantId?: string;
    uid?: string;
    userCode?: string;
    consumed?: number;
  }

  /** Provider configuration (partial). */
  export interface Configuration {
    [key: string]: unknown;
    adapter?: new (name: string) => Adapter;
    clients?: Record<string, unknown>[];
  }

  /** The pending interaction behind `/interaction/:uid`. */
  export interface InteractionDetails {
    uid: string;
    grantId?: string;
    params: Record<string, string | undefined>;
    prompt: { name: string; reasons: string[]; details: { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> } };
  }

  /** A grant of scopes to a client for an account. */
  export interface Grant {
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    addResourceScope(resource: string, scope: string): void;
    save(): Promise<string>;
  }

  /** The OpenID Provider. */
  export default class Provider {
    constructor(issuer: string, configuration?: Configuration);
    readonly Grant: { new (init: { accountId: string; clientId: string }): Grant; find(id: string): Promise<Grant | undefined> };
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionFinished(req: IncomingMessage, res: ServerResponse, result: Record<string, unknown>, options?: { mergeWithLastSubmission?: boolean }): Promise<void>;
  }
}
