/**
 * The curl / Python / JavaScript examples of the API reference, filled with this server's base
 * URL and the chosen parameters. The key is always the placeholder: a real key must never end
 * up in text that people copy into chats and tickets. Client-safe, pure.
 */
import { KEY_PLACEHOLDER } from "./options";

export type SampleParams = { baseUrl: string; prompt: string; size: string; quality: string; n: number };
export type SampleLanguage = "curl" | "python" | "javascript";

/** POSIX shell single-quoting: close the quote, add an escaped quote, reopen. */
function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** A JSON string literal is also a valid Python 3 and JavaScript string literal. */
const lit = (s: string) => JSON.stringify(s);

export function curlSample(p: SampleParams): string {
  const body = JSON.stringify({ model: "gpt-image-2", prompt: p.prompt, size: p.size, quality: p.quality, n: p.n }, null, 2);
  const head = [
    `curl ${p.baseUrl}/images/generations \\`,
    `  --max-time 180 \\`,
    `  -H "Authorization: Bearer ${KEY_PLACEHOLDER}" \\`,
    `  -H "Content-Type: application/json" \\`,
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

client = OpenAI(
    base_url=${lit(p.baseUrl)},
    api_key=${lit(KEY_PLACEHOLDER)},
    timeout=180.0,  # a single image takes 20-120 s; set at least 180 s
)

result = client.images.generate(
    model="gpt-image-2",
    prompt=${lit(p.prompt)},
    size=${lit(p.size)},
    quality=${lit(p.quality)},
    n=${p.n},
)

for i, image in enumerate(result.data, start=1):
    with open(f"output-{i}.png", "wb") as f:
        f.write(base64.b64decode(image.b64_json))
    print(f"Saved output-{i}.png")
`;
}

export function javascriptSample(p: SampleParams): string {
  return `// Give the request at least 180 s: a single image takes 20-120 s.
const r = await fetch(${lit(`${p.baseUrl}/images/generations`)}, {
  method: "POST",
  headers: {
    "Authorization": "Bearer ${KEY_PLACEHOLDER}",
    "Content-Type": "application/json",
  },
  body: JSON.stringify({
    model: "gpt-image-2",
    prompt: ${lit(p.prompt)},
    size: ${lit(p.size)},
    quality: ${lit(p.quality)},
    n: ${p.n},
  }),
  signal: AbortSignal.timeout(180_000),
});
const json = await r.json();
if (!r.ok) throw new Error(json.error.code + ": " + json.error.message);
for (const image of json.data) {
  const img = document.createElement("img");
  img.src = "data:image/png;base64," + image.b64_json;
  document.body.append(img);
}
`;
}

export function codeSample(lang: SampleLanguage, p: SampleParams): string {
  if (lang === "curl") return curlSample(p);
  if (lang === "python") return pythonSample(p);
  return javascriptSample(p);
}
