import createClient from 'openapi-fetch';
import { networkProblem, toProblem } from './problems';
import type { paths } from './schema';
import type { Problem } from './types';

/** The typed API client; every request carries the signed-in user's access token as a bearer token. */
export function createApi(apiBaseUrl: string, accessToken: () => Promise<string | null>) {
  const client = createClient<paths>({ baseUrl: new URL(apiBaseUrl, window.location.origin).href.replace(/\/$/, '') });
  client.use({
    async onRequest({ request }) {
      const token = await accessToken();
      if (token) {
        request.headers.set('Authorization', `Bearer ${token}`);
      }
      return request;
    },
  });
  return client;
}

export type Api = ReturnType<typeof createApi>;

export type ApiResult<T> = { ok: true; data: T; response: Response } | { ok: false; problem: Problem; response?: Response };

/** Awaits an openapi-fetch call and turns it into a result: the data, or a problem (also for network failures). */
export async function send<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<ApiResult<T>> {
  try {
    const { data, error, response } = await call;
    return response.ok ? { ok: true, data: data as T, response } : { ok: false, problem: toProblem(error, response), response };
  } catch (cause) {
    return { ok: false, problem: networkProblem(cause) };
  }
}

/** A fresh Idempotency-Key for one create (retries of the same submission reuse it). */
export function newIdempotencyKey(): string {
  return crypto.randomUUID().replace(/-/g, '');
}
