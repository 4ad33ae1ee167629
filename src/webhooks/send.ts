import http from 'node:http';
import https from 'node:https';
import type { WebhookSettings } from '../config.js';
import { isPublicAddress, literalAddress, PrivateAddressError, publicOnlyLookup } from './address-guard.js';

/** What one POST gave: the status code when the endpoint answered, else why not. */
export interface SendOutcome {
  statusCode: number | null;
  error: string | null;
}

/**
 * POSTs `body` to `url`: one request, no redirect followed (a 3xx is an answer, not a success),
 * within `timeoutMs` from connection to the end of the response, reading at most
 * `maxResponseBytes` of the response (the connection is cut beyond: the status is what counts).
 * Unless private addresses are allowed, the host must be or resolve to public addresses only.
 */
export function send(url: string, body: string, headers: Record<string, string>, settings: WebhookSettings, shutdown: AbortSignal): Promise<SendOutcome> {
  const target = new URL(url);
  const literal = literalAddress(target);
  // Names are checked by the lookup; an IP address in the URL never reaches it.
  if (!settings.allowPrivate && literal && !isPublicAddress(literal)) {
    return Promise.resolve({ statusCode: null, error: new PrivateAddressError(literal, literal).message });
  }
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    const signal = AbortSignal.any([AbortSignal.timeout(settings.timeoutMs), shutdown]);
    const request = client.request(target, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      signal,
      agent: false,
      ...(!settings.allowPrivate && { lookup: publicOnlyLookup }),
    });
    const fail = (err: Error) => {
      const reason = signal.aborted ? (shutdown.aborted ? 'shutdown' : `no answer within ${settings.timeoutMs} ms`) : err.message;
      resolve({ statusCode: null, error: reason });
    };
    request.once('error', fail);
    request.once('response', (response) => {
      const statusCode = response.statusCode ?? null;
      let read = 0;
      response.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > settings.maxResponseBytes) {
          response.destroy();
          resolve({ statusCode, error: null });
        }
      });
      response.once('end', () => resolve({ statusCode, error: null }));
      response.once('error', (err) => (read > settings.maxResponseBytes ? undefined : fail(err)));
      response.once('aborted', () => resolve({ statusCode, error: null }));
    });
    request.end(body);
  });
}
