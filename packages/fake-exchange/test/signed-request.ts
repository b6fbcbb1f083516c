import { createHmac } from 'node:crypto';

/** Sends a request signed by hand as Binance documents it (HMAC-SHA256 of the query string). */
export async function signedRequest(
  url: string,
  path: string,
  credentials: { apiKey: string; secret: string },
  params: Record<string, string | number>,
  method = 'GET',
): Promise<{ status: number; body: unknown }> {
  const query = new URLSearchParams(
    Object.entries(params).map(([name, value]): [string, string] => [name, String(value)]),
  ).toString();
  const signature = createHmac('sha256', credentials.secret).update(query).digest('hex');
  const response = await fetch(`${url}${path}?${query}&signature=${signature}`, {
    method,
    headers: { 'X-MBX-APIKEY': credentials.apiKey },
  });
  return { status: response.status, body: await response.json() };
}
