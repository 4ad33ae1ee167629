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
    // A timer and a listener rather than AbortSignal.timeout/any: on Node 20 a composed signal
    // nothing else references can be garbage-collected before it fires, and the request hangs.
    const request = client.request(target, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      agent: false,
      ...(!settings.allowPrivate && { lookup: publicOnlyLookup }),
    });
    const timer = setTimeout(() => request.destroy(new Error(`no answer within ${settings.timeoutMs} ms`)), settings.timeoutMs);
    const interrupt = () => request.destroy(new Error('shutdown'));
    shutdown.addEventListener('abort', interrupt, { once: true });
    if (shutdown.aborted) interrupt();
    let settled = false;
    const finish = (outcome: SendOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      shutdown.removeEventListener('abort', interrupt);
      resolve(outcome);
    };
    request.once('error', (err) => finish({ statusCode: null, error: err.message }));
    request.once('response', (response) => {
      const statusCode = response.statusCode ?? null;
      let read = 0;
      response.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > settings.maxResponseBytes) {
          finish({ statusCode, error: null });
          response.destroy();
        }
      });
      response.once('end', () => finish({ statusCode, error: null }));
      // Cut by the timer or shutdown while the answer was coming: the status arrived, the answer did not end.
      response.once('error', (err) => finish({ statusCode: null, error: err.message }));
      response.once('aborted', () => finish({ statusCode: null, error: 'the answer was cut short' }));
    });
    request.end(body);
  });
}
