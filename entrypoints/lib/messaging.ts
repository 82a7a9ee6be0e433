/** Typed request helper over runtime messaging (see guidance/protocol.ts). */
import { browser } from 'wxt/browser';
import { envelope, type MessageType, type Reply, type RequestOf, type ResponseOf } from '@/guidance/protocol';

export class RequestError extends Error {
  override name = 'RequestError';
}

export async function request<K extends MessageType>(type: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
  const reply = (await browser.runtime.sendMessage(envelope(type, payload))) as Reply<K> | undefined;
  if (!reply) throw new RequestError('Tactline background did not answer');
  if (!reply.ok) throw new RequestError(reply.error);
  return reply.data;
}
