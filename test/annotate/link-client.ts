// A client that uses a private link the way the page does, without a browser: exchanges the token for the
// cookie, reads the page's request token, accepts the consent and posts answers.

export interface LinkSession {
  cookie: string;
  requestToken: string;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  answer(position: number, criterion: string, answer: "left" | "tie" | "right" | null, ms?: number): Promise<Response>;
}

export function tokenOf(link: string): string {
  return link.slice(link.indexOf("#") + 1);
}

export async function openLink(base: string, link: string, options: { consent?: boolean } = {}): Promise<LinkSession> {
  const session = await fetch(`${base}api/session`, { method: "POST", headers: { authorization: `Bearer ${tokenOf(link)}` } });
  if (session.status !== 200) throw new Error(`session: ${session.status}`);
  const cookie = session.headers.get("set-cookie")!.split(";")[0];
  const page = await (await fetch(`${base}annotate`, { headers: { cookie } })).text();
  const requestToken = /<meta name="request-token" content="([0-9a-f]+)">/.exec(page)?.[1];
  if (!requestToken) throw new Error("no request token in the page");
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}${path.replace(/^\//, "")}`, { method: "POST", headers: { "content-type": "application/json", cookie, "x-request-token": requestToken, ...headers }, body: JSON.stringify(body) });
  if (options.consent !== false) {
    const consent = await post("/api/consent", { accept: true });
    if (consent.status !== 200) throw new Error(`consent: ${consent.status}`);
  }
  return { cookie, requestToken, post, answer: (position, criterion, answer, ms = 1000) => post("/api/judgements", { position, criterion, answer, ms }) };
}
