import type { Context } from '../server/context.js';
import { isPublicAddress, literalAddress, resolveAll } from './address-guard.js';

/** Longest URL accepted: what browsers and proxies reliably carry. */
const URL_MAX = 2_000;

/**
 * A webhook URL as it is stored: http or https, no user name or password (secrets go in the
 * signature, not in URLs that end up in logs), and unless WEBHOOKS_ALLOW_PRIVATE=true a host that
 * is and resolves to public addresses only (checked again on every delivery, on the address
 * connected to). BAD_USER_INPUT naming `argument` otherwise.
 */
export async function checkWebhookUrl(ctx: Context, text: string, argument: string): Promise<string> {
  const errors = ctx.errors();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw errors.badInput('webhookUrl', { argument, max: URL_MAX });
  }
  if (text.length > URL_MAX || !['http:', 'https:'].includes(url.protocol) || url.username || url.password || !url.hostname) {
    throw errors.badInput('webhookUrl', { argument, max: URL_MAX });
  }
  if (ctx.config.webhooks.allowPrivate) return url.toString();
  const literal = literalAddress(url);
  let addresses: string[];
  try {
    addresses = literal ? [literal] : await resolveAll(url.hostname);
  } catch {
    throw errors.badInput('webhookUnresolvable', { argument, host: url.hostname });
  }
  const refused = addresses.find((a) => !isPublicAddress(a));
  if (refused) throw errors.badInput('webhookPrivateAddress', { argument, host: url.hostname, address: refused });
  return url.toString();
}
