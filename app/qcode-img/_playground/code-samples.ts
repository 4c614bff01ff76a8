/**
 * The curl / Python / JavaScript examples of the API reference, filled with this server's base
 * URL and the chosen parameters. The key is always the placeholder: a real key must never end
 * up in text that people copy into chats and tickets. Client-safe, pure.
 */
import { KEY_PLACEHOLDER } from "./options";

export type SampleParams = { baseUrl: string; prompt: string; size: string; quality: string; n: number };
export type SampleLanguage = "curl" | "python" | "node" | "browser";

/** POSIX shell single-quoting: close the quote, add an escaped quote, reopen. */
function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** A JSON string literal is also a valid Python 3 and JavaScript string literal. */
const lit = (s: string) => JSON.stringify(s);

/*
 * Every sample sends an Idempotency-Key: the same key with the same body within 24 h answers the
 * first result again without a second charge, so a retry after a timeout never bills twice.
 */

export function curlSample(p: SampleParams): string {
  const body = JSON.stringify({ model: "gpt-image-2", prompt: p.prompt, size: p.size, quality: p.quality, n: p.n }, null, 2);
  const head = [
    `# Reuse the same Idempotency-Key when you retry this exact request: it is billed once.`,
    `IDEMPOTENCY_KEY=$(cat /proc/sys/kernel/random/uuid 2>/dev/null || uuidgen)`,
    `curl ${p.baseUrl}/images/generations \\`,
    `  --max-time 180 \\`,
    `  -H "Authorization: Bearer ${KEY_PLACEHOLDER}" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -H "Idempotency-Key: $IDEMPOTENCY_KEY" \\`,
    `  -d ${shellQuote(body)} \\`,
  ];
  if (p.n === 1) return [...head, `  | jq -r ".data[0].b64_json" | base64 -d > output.png`].join("\n");
  return [
    ...head,
    `  > response.json`,
    `for i in $(seq 1 ${p.n}); do`,
    `  jq -r ".data[$((i - 1))].b64_json" response.json | base64 -d > "output-$i.png"`,
    `done`,
  ].join("\n");
}

export function pythonSample(p: SampleParams): string {
  return `from openai import OpenAI
import base64
import uuid

client = OpenAI(
    base_url=${lit(p.baseUrl)},
    api_key=${lit(KEY_PLACEHOLDER)},
    timeout=180.0,  # a single image takes 20-120 s; set at least 180 s
)

# Reuse the same key when you retry this exact request: it is billed once.
idempotency_key = str(uuid.uuid4())

result = client.images.generate(
    model="gpt-image-2",
    prompt=${lit(p.prompt)},
    size=${lit(p.size)},
    quality=${lit(p.quality)},
    n=${p.n},
    extra_headers={"Idempotency-Key": idempotency_key},
)

for i, image in enumerate(result.data, start=1):
    with open(f"output-{i}.png", "wb") as f:
        f.write(base64.b64decode(image.b64_json))
    print(f"Saved output-{i}.png")
`;
}

/** Node 20+: save as generate.mjs, `npm install openai`, run `node generate.mjs`. */
export function nodeSample(p: SampleParams): string {
  return `// Node.js 20+: save as generate.mjs, then \`npm install openai\` and \`node generate.mjs\`.
import OpenAI from "openai";
import { randomUUID } from "node:crypto";
import { writeFile } from "node:fs/promises";

const client = new OpenAI({
  baseURL: ${lit(p.baseUrl)},
  apiKey: process.env.QCODE_API_KEY ?? ${lit(KEY_PLACEHOLDER)},
  timeout: 180_000, // a single image takes 20-120 s; the default is too short
  // In a browser the SDK refuses to run unless you pass dangerouslyAllowBrowser: true, because
  // the page would hand your API key to everyone who opens it. Only do that in a tool that runs
  // on your own machine; a public page should call your own server, which holds the key.
});

// Reuse the same key when you retry this exact request: it is billed once.
const idempotencyKey = randomUUID();

const result = await client.images.generate(
  {
    model: "gpt-image-2",
    prompt: ${lit(p.prompt)},
    size: ${lit(p.size)},
    quality: ${lit(p.quality)},
    n: ${p.n},
  },
  { headers: { "Idempotency-Key": idempotencyKey } },
);

for (const [i, image] of result.data.entries()) {
  await writeFile(\`output-\${i + 1}.png\`, Buffer.from(image.b64_json, "base64"));
  console.log(\`Saved output-\${i + 1}.png\`);
}
`;
}

/** Runs in the browser console of this site's own pages (same origin: no CORS needed). */
export function browserSample(p: SampleParams): string {
  return `// Paste into the browser console on ${p.baseUrl.replace(/\/qcode-img\/v1$/, "/qcode-img")} (same origin).
// From another site the browser blocks the call (CORS), and a key in page code is visible to
// every visitor: call your own server instead, which holds the key.
const apiKey = ${lit(KEY_PLACEHOLDER)};
const r = await fetch(${lit(`${p.baseUrl}/images/generations`)}, {
  method: "POST",
  headers: {
    "Authorization": \`Bearer \${apiKey}\`,
    "Content-Type": "application/json",
    // Reuse the same key when you retry this exact request: it is billed once.
    "Idempotency-Key": crypto.randomUUID(),
  },
  body: JSON.stringify({
    model: "gpt-image-2",
    prompt: ${lit(p.prompt)},
    size: ${lit(p.size)},
    quality: ${lit(p.quality)},
    n: ${p.n},
  }),
  signal: AbortSignal.timeout(180_000), // give it at least 180 s
});
const json = await r.json();
if (!r.ok) throw new Error(json.error.code + ": " + json.error.message);
for (const image of json.data) {
  const img = document.createElement("img");
  img.src = "data:image/png;base64," + image.b64_json;
  img.style.maxWidth = "256px";
  document.body.append(img);
}
`;
}

/** @deprecated the browser sample; kept under its old name for callers. */
export const javascriptSample = browserSample;

export function codeSample(lang: SampleLanguage, p: SampleParams): string {
  if (lang === "curl") return curlSample(p);
  if (lang === "python") return pythonSample(p);
  if (lang === "node") return nodeSample(p);
  return browserSample(p);
}
