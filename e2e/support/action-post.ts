import type { APIRequestContext, APIResponse } from '@playwright/test';

/**
 * Posts a server action exactly as React's client does (encodeReply in react-server-dom): the
 * arguments as a JSON reply (`text/plain`), or — when one is a FormData — a multipart body whose
 * FormData entries are `_1_<name>` parts followed by the root `0` (last, as React appends it), the
 * arguments with `"$K1"` standing for the FormData.
 */
export function postServerAction(
  request: APIRequestContext,
  { actionId, path, args, form, headers = {} }: { actionId: string; path: string; args: unknown[]; form?: Record<string, string>; headers?: Record<string, string> },
): Promise<APIResponse> {
  const common = { 'Next-Action': actionId, Accept: 'text/x-component', ...headers };
  if (!form) {
    return request.post(path, { headers: { ...common, 'Content-Type': 'text/plain;charset=UTF-8' }, data: JSON.stringify(args), maxRedirects: 0 });
  }
  // A FormData, not an object: an object would send "0" first (integer-like keys enumerate first),
  // and the server decodes the root as soon as it arrives, before any entry that follows it.
  const multipart = new FormData();
  for (const [name, value] of Object.entries(form)) multipart.append(`_1_${name}`, value);
  multipart.append('0', JSON.stringify([...args, '$K1']));
  return request.post(path, { headers: common, multipart, maxRedirects: 0 });
}
